package io.gitmesh.model.diff;

import io.gitmesh.model.Values;
import java.util.Comparator;
import java.util.Objects;

/**
 * One route a source may use on a service port: granted or revoked in a {@link Plan}.
 *
 * @param source an identity, or any identity ({@code *}) for what permissive mode opens to everyone
 * @param route as {@link RouteNames} writes it: {@code namespace/group/match}, {@code *}, {@code tcp} or {@code udp}
 */
public record AccessEntry(AccessSource source, PortRef destination, String route) implements Comparable<AccessEntry> {
    private static final Comparator<AccessEntry> ORDER = Comparator.comparing(AccessEntry::source)
            .thenComparing(AccessEntry::destination)
            .thenComparing(AccessEntry::route);

    public AccessEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Values.requireText(route, "route");
    }

    @Override
    public int compareTo(AccessEntry o) {
        return ORDER.compare(this, o);
    }
}
