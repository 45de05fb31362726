package io.gitmesh.xds.translate.simulate;

import java.util.Map;
import java.util.Optional;

/**
 * What a proxy knows about a request when it matches routes and RBAC rules.
 *
 * @param peer            the SPIFFE ID in the client certificate of an mTLS connection, empty otherwise
 * @param destinationPort the port the connection arrived on
 * @param headers         by lowercase name, without pseudo-headers
 */
record Request(Optional<String> peer, int destinationPort, String method, String path, String authority,
        Map<String, String> headers) {

    static Request of(Call call, Optional<String> peer, int destinationPort) {
        return new Request(peer, destinationPort, call.method(), call.path(), call.authority(), call.headers());
    }

    /** The value of a header or pseudo-header as Envoy's header matchers see it; empty when absent. */
    Optional<String> header(String name) {
        return switch (name) {
            case ":method" -> Optional.of(method);
            case ":path" -> Optional.of(path);
            case ":authority", "host" -> Optional.of(authority);
            default -> Optional.ofNullable(headers.get(name));
        };
    }

    /** The path without its query, as route and RBAC path matchers see it. */
    String pathWithoutQuery() {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
