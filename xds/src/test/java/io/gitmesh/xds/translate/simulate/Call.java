package io.gitmesh.xds.translate.simulate;

import io.gitmesh.model.Identity;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A request a workload makes: who sends it, to which host and port, and the HTTP request (a TCP
 * connection ignores the request part). Built fluently:
 * {@code Call.from(bookbuyer).to("bookstore.bookstore", 14001).get("/books-bought").header("client-app", "bookbuyer")}.
 *
 * @param host    as the caller writes it: a Service name in any form Kubernetes DNS resolves, or, for
 *                proxyless gRPC, the host of the {@code xds:///host:port} target
 * @param headers by lowercase name
 */
public record Call(Identity source, String host, int port, String method, String path, Map<String, String> headers) {
    public Call {
        Objects.requireNonNull(source, "source");
        headers = Collections.unmodifiableSortedMap(new TreeMap<>(headers));
    }

    public static Builder from(Identity source) {
        return new Builder(source);
    }

    /** The {@code :authority} (Host) an HTTP client sends: host and port. */
    public String authority() {
        return host + ":" + port;
    }

    public Call get(String path) {
        return method("GET", path);
    }

    public Call post(String path) {
        return method("POST", path);
    }

    public Call method(String method, String path) {
        return new Call(source, host, port, method, path, headers);
    }

    public Call header(String name, String value) {
        SortedMap<String, String> more = new TreeMap<>(headers);
        more.put(name.toLowerCase(Locale.ROOT), value);
        return new Call(source, host, port, method, path, more);
    }

    @Override
    public String toString() {
        return source + " " + method + " " + authority() + path + (headers.isEmpty() ? "" : " " + headers);
    }

    /** The first step of building a call: its source. */
    public record Builder(Identity source) {
        /** A {@code GET /} to the host and port. */
        public Call to(String host, int port) {
            return new Call(source, host, port, "GET", "/", Map.of());
        }
    }
}
