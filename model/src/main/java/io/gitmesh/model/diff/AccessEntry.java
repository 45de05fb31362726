package io.gitmesh.model.diff;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Values;
import java.util.Comparator;
import java.util.Objects;

/**
 * One route a source identity may use on a service port: granted or revoked in a {@link Plan}.
 *
 * @param route as {@link RouteNames} writes it: {@code namespace/group/match}, {@code *}, {@code tcp} or {@code udp}
 */
public record AccessEntry(Identity source, PortRef destination, String route) implements Comparable<AccessEntry> {
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
