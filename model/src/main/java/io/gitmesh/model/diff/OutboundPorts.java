package io.gitmesh.model.diff;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.OutboundPort;
import io.gitmesh.model.TrafficMode;
import java.util.List;

/**
 * What each identity may reach in one mesh. In permissive mode every identity reaches the same
 * ports, so they are listed once, not once per identity.
 */
final class OutboundPorts {
    private final Mesh mesh;
    private List<OutboundPort> everyPort;

    OutboundPorts(Mesh mesh) {
        this.mesh = mesh;
    }

    List<OutboundPort> of(Identity identity) {
        if (mesh.mode() == TrafficMode.SMI) {
            return mesh.outbound(identity).ports();
        }
        if (everyPort == null) {
            everyPort = mesh.outbound(identity).ports();
        }
        return everyPort;
    }
}
