package io.gitmesh.app.deploy;

import io.fabric8.mockwebserver.DefaultMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The API requests that tests made against fabric8's mock API server, for the RBAC check. A line per
 * request: the HTTP method, a tab, the path with its query, a tab, the Content-Type ("" if none). Tests of
 * other modules can write this format into {@link #DIRECTORY}
 * ({@code <repository>/target/kube-api-calls/<component>.log}); the app module builds after them in the
 * reactor, so {@code RbacCoverageTest} reads what they recorded.
 */
final class KubeApiCallLog {
    static final Path DIRECTORY = DeployTree.ROOT.resolve("target/kube-api-calls");
    /** A request with this header is a test's own set-up or check, not the component's: it is not logged. */
    static final String SET_UP_HEADER = "X-Gitmesh-Test-Set-Up";
    private static final String SEPARATOR = "\t";

    private KubeApiCallLog() {
    }

    /**
     * Takes every request the server recorded so far (they are gone from it afterwards), as log lines; those
     * with the {@link #SET_UP_HEADER} are dropped.
     */
    static List<String> drain(DefaultMockServer server) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        for (RecordedRequest request = server.takeRequest(50, TimeUnit.MILLISECONDS); request != null;
                request = server.takeRequest(50, TimeUnit.MILLISECONDS)) {
            if (request.getHeader(SET_UP_HEADER) != null) {
                continue;
            }
            String contentType = Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
            lines.add(request.getMethod() + SEPARATOR + request.getPath() + SEPARATOR + contentType);
        }
        return lines;
    }

    /** Every component's logged calls, by component name; empty when no test has written a log. */
    static Map<String, List<KubeApiCall>> readAll() {
        Map<String, List<KubeApiCall>> byComponent = new TreeMap<>();
        if (!Files.isDirectory(DIRECTORY)) {
            return byComponent;
        }
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                String component = file.getFileName().toString().replaceFirst("\\.log$", "");
                byComponent.put(component, calls(Files.readAllLines(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byComponent;
    }

    /** The authorizer's view of logged requests. */
    static List<KubeApiCall> calls(List<String> lines) {
        List<KubeApiCall> calls = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split(SEPARATOR, -1);
            if (fields.length < 2) {
                throw new IllegalArgumentException("not a logged request (METHOD\\tPATH\\tCONTENT-TYPE): " + line);
            }
            calls.addAll(KubeApiCall.of(fields[0], fields[1], fields.length > 2 ? fields[2] : ""));
        }
        return calls;
    }
}
