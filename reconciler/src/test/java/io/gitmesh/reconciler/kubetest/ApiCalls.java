package io.gitmesh.reconciler.kubetest;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The Kubernetes API calls a component made against fabric8's mock server, as an RBAC rule names
 * them: {@code verb group resource [namespace]}. Tests assert them so that deploy/'s role stays the
 * least the code needs.
 */
public final class ApiCalls {
    private ApiCalls() {
    }

    /** Takes every request the server recorded so far. */
    public static List<RecordedRequest> drain(KubernetesMockServer server) throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (RecordedRequest r = server.takeRequest(1, TimeUnit.MILLISECONDS); r != null;
                r = server.takeRequest(1, TimeUnit.MILLISECONDS)) {
            requests.add(r);
        }
        return requests;
    }

    /** The distinct calls among the requests the server recorded so far, sorted. */
    public static List<String> drainCalls(KubernetesMockServer server) throws InterruptedException {
        return drain(server).stream().map(ApiCalls::call).distinct().sorted().toList();
    }

    /** {@code verb group resource [namespace]}; the core group is {@code ""}. */
    public static String call(RecordedRequest request) {
        String path = request.getPath();
        int question = path.indexOf('?');
        String query = question < 0 ? "" : path.substring(question + 1);
        String[] parts = (question < 0 ? path : path.substring(0, question)).split("/");
        // /apis/<group>/<version>/... or /api/<version>/...; then [namespaces/<ns>/]<resource>[/<name>]
        boolean core = parts[1].equals("api");
        String group = core ? "\"\"" : parts[2];
        int rest = core ? 3 : 4;
        boolean namespaced = parts.length > rest + 2 && parts[rest].equals("namespaces");
        String resource = namespaced ? parts[rest + 2] : parts[rest];
        boolean named = parts.length > (namespaced ? rest + 3 : rest + 1);
        String verb = switch (request.getMethod()) {
            case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            default -> request.getMethod().toLowerCase(Locale.ROOT);
        };
        return verb + " " + group + " " + resource + (namespaced ? " " + parts[rest + 1] : "");
    }
}
