package io.gitmesh.model.simulate;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Values;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * A call to simulate: a workload of {@code source} sends one request (or opens one connection).
 *
 * @param authority {@code host[:port]}, the host a Service name as the caller's DNS resolves it
 *                  ({@code name} in the caller's namespace, {@code name.namespace},
 *                  {@code name.namespace.svc[.cluster.domain]}) or its cluster IP
 * @param path      the request path, query string allowed (route matches ignore it, as Envoy does)
 * @param headers   by lowercase name, sorted (HTTP names are case-insensitive); names that differ only by
 *                  case are joined with {@code ,}, as Envoy matches repeated headers
 */
public record Call(Identity source, String authority, String path, String method,
        Map<String, String> headers) {
    /** Envoy matches the values of a repeated header as one, joined by commas. */
    private static final BinaryOperator<String> REPEATED = (first, second) -> first + "," + second;

    public Call {
        Objects.requireNonNull(source, "source");
        Values.requireText(authority, "authority");
        Values.requireText(path, "path");
        Values.requireText(method, "method");
        SortedMap<String, String> lowercase = new TreeMap<>();
        headers.forEach((name, value) -> lowercase.merge(
                Values.requireText(name, "header name").toLowerCase(Locale.ROOT),
                Objects.requireNonNull(value, "header value"), REPEATED));
        headers = Values.sortedMap(lowercase);
    }

    /** {@code GET /} to the authority, without headers. */
    public static Call get(Identity source, String authority) {
        return new Call(source, authority, "/", "GET", Map.of());
    }

    public Call withPath(String newPath) {
        return new Call(source, authority, newPath, method, headers);
    }

    public Call withMethod(String newMethod) {
        return new Call(source, authority, path, newMethod, headers);
    }

    public Call withHeader(String name, String value) {
        SortedMap<String, String> more = new TreeMap<>(headers);
        more.merge(name.toLowerCase(Locale.ROOT), value, REPEATED);
        return new Call(source, authority, path, method, more);
    }
}
