package io.gitmesh.model.diff;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.OutboundPort;
import io.gitmesh.model.TrafficMode;
import java.util.List;
import java.util.SortedSet;
import java.util.function.Predicate;

/**
 * What each identity may reach in one mesh. In permissive mode every identity reaches the same
 * ports, so they are listed once, not once per identity.
 */
final class OutboundPorts {
    private final Mesh mesh;
    private List<OutboundPort> everyPort;

    private OutboundPorts(Mesh mesh) {
        this.mesh = mesh;
    }

    /**
     * Whether what an identity may reach (the ports, their routing and endpoints, what it may send)
     * differs from one mesh to the other. When both are permissive it is the same for every identity,
     * so it is compared once.
     */
    static Predicate<Identity> differ(Mesh before, Mesh after, SortedSet<Identity> identities) {
        OutboundPorts was = new OutboundPorts(before);
        OutboundPorts is = new OutboundPorts(after);
        Predicate<Identity> differs = id -> !was.of(id).equals(is.of(id));
        if (before.mode() == TrafficMode.PERMISSIVE && after.mode() == TrafficMode.PERMISSIVE
                && !identities.isEmpty()) {
            boolean everyPortDiffers = differs.test(identities.first());
            return id -> everyPortDiffers;
        }
        return differs;
    }

    private List<OutboundPort> of(Identity identity) {
        if (mesh.mode() == TrafficMode.SMI) {
            return mesh.outbound(identity).ports();
        }
        if (everyPort == null) {
            everyPort = mesh.outbound(identity).ports();
        }
        return everyPort;
    }
}
