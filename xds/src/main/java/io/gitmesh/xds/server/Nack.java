package io.gitmesh.xds.server;

import java.time.Instant;
import java.util.Objects;

/**
 * A response a proxy rejected. The proxy keeps serving the last version it accepted.
 *
 * @param version the rejected version
 * @param message the proxy's error text ({@code error_detail.message} of its request)
 * @param at      when the rejection arrived
 */
public record Nack(String version, String message, Instant at) {
    public Nack {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }
}
