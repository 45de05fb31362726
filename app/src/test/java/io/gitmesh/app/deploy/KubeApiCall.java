package io.gitmesh.app.deploy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One request to the Kubernetes API as the RBAC authorizer sees it: verb, API group, resource (with
 * {@code /subresource}), namespace ("" when cluster-scoped) and object name ("" when none). Read from
 * the HTTP method and path the way the API server's RequestInfo does: GET is get, list or watch (with
 * {@code watch=true}, or under the old {@code /watch/} prefix); a list or watch narrowed to one name by
 * {@code fieldSelector=metadata.name=X} carries that name, so resourceNames rules apply to it.
 */
record KubeApiCall(String verb, String apiGroup, String resource, String namespace, String name) {
    /** Paths under which the namespace's own subresources sit, not a namespaced resource. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");
    /** A server-side apply patch: for an object that does not exist yet, the API server also checks create. */
    static final String APPLY_PATCH = "application/apply-patch+yaml";

    KubeApiCall {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(apiGroup, "apiGroup");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /**
     * The calls one HTTP request asks the authorizer for: none for a non-resource path (discovery,
     * {@code /version}: every authenticated user may), two for a server-side apply (patch, and create).
     *
     * @param contentType the request's Content-Type, or "" when it has none
     */
    static List<KubeApiCall> of(String method, String pathAndQuery, String contentType) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        List<String> parts = new ArrayList<>(Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
        String group;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            parts = parts.subList(2, parts.size());
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            parts = parts.subList(3, parts.size());
        } else {
            return List.of();
        }
        boolean watchPrefix = parts.getFirst().equals("watch");
        if (watchPrefix) {
            parts = parts.subList(1, parts.size());
        }
        String namespace = "";
        if (parts.size() >= 3 && parts.get(0).equals("namespaces") && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
            namespace = parts.get(1);
            parts = parts.subList(2, parts.size());
        }
        String resource = parts.get(0) + (parts.size() >= 3 ? "/" + parts.get(2) : "");
        String name = parts.size() >= 2 ? parts.get(1) : "";
        if (parts.get(0).equals("namespaces") && !name.isEmpty()) {
            namespace = name;
        }
        if (name.isEmpty()) {
            name = queryParameter(query, "fieldSelector").filter(f -> f.startsWith("metadata.name=")
                    && !f.contains(",")).map(f -> f.substring("metadata.name=".length())).orElse("");
        }
        boolean watch = watchPrefix || queryParameter(query, "watch").filter(w -> w.equals("true") || w.equals("1"))
                .isPresent();
        boolean named = parts.size() >= 2;
        String verb = switch (method) {
            case "GET", "HEAD" -> watch ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new IllegalArgumentException("not a Kubernetes API method: " + method);
        };
        KubeApiCall call = new KubeApiCall(verb, group, resource, namespace, name);
        if (verb.equals("patch") && contentType.startsWith(APPLY_PATCH)) {
            return List.of(call, new KubeApiCall("create", group, resource, namespace, name));
        }
        return List.of(call);
    }

    private static Optional<String> queryParameter(String query, String key) {
        return Arrays.stream(query.split("&")).filter(p -> p.startsWith(key + "="))
                .map(p -> URLDecoder.decode(p.substring(key.length() + 1), StandardCharsets.UTF_8)).findFirst();
    }

    @Override
    public String toString() {
        return verb + " " + (apiGroup.isEmpty() ? "" : apiGroup + "/") + resource
                + (name.isEmpty() ? "" : " " + name) + (namespace.isEmpty() ? "" : " in " + namespace);
    }
}
