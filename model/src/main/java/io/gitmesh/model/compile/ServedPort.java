package io.gitmesh.model.compile;

import io.gitmesh.model.Identity;
import io.gitmesh.model.MeshPort;
import io.gitmesh.model.ServiceRef;
import java.util.List;

/**
 * A Service port as the workloads of one identity serve it.
 *
 * @param targetPorts the container ports they serve it on
 */
record ServedPort(ServiceRef service, MeshPort port, Identity identity, List<Integer> targetPorts) {
    PortKey key() {
        return new PortKey(service, port.name());
    }
}
