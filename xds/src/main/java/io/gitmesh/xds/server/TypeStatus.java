package io.gitmesh.xds.server;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one proxy stands with one resource type.
 *
 * @param sentVersion  the version last sent
 * @param ackedVersion the version last accepted, empty if none yet
 * @param ackedAt      when {@code ackedVersion} was accepted
 * @param lastNack     the last rejection on this stream, if any; it stays after later versions are accepted
 */
public record TypeStatus(String sentVersion, Optional<String> ackedVersion, Optional<Instant> ackedAt,
        Optional<Nack> lastNack) {
    public TypeStatus {
        Objects.requireNonNull(sentVersion, "sentVersion");
        Objects.requireNonNull(ackedVersion, "ackedVersion");
        Objects.requireNonNull(ackedAt, "ackedAt");
        Objects.requireNonNull(lastNack, "lastNack");
    }

    static TypeStatus sent(String version) {
        return new TypeStatus(version, Optional.empty(), Optional.empty(), Optional.empty());
    }

    TypeStatus withSent(String version) {
        return new TypeStatus(version, ackedVersion, ackedAt, lastNack);
    }

    TypeStatus withAck(String version, Instant at) {
        return new TypeStatus(sentVersion, Optional.of(version), Optional.of(at), lastNack);
    }

    TypeStatus withNack(Nack nack) {
        return new TypeStatus(sentVersion, ackedVersion, ackedAt, Optional.of(nack));
    }

    /** Whether the proxy has answered {@code version}, by accepting or rejecting it. */
    boolean answered(String version) {
        return ackedVersion.filter(version::equals).isPresent()
                || lastNack.filter(nack -> nack.version().equals(version)).isPresent();
    }
}
