package io.gitmesh.xds.translate;

import io.gitmesh.model.Admission;
import io.gitmesh.model.InboundPort;
import io.gitmesh.model.Protocol;
import io.gitmesh.model.ServiceRef;
import java.util.Objects;

/**
 * A Service port that the proxy's workloads serve, on the port they listen on.
 *
 * @param targetPort the workloads' port for it, one of the snapshot group's ports
 */
record ServedPort(InboundPort inbound, int targetPort) {
    ServedPort {
        Objects.requireNonNull(inbound, "inbound");
    }

    ServiceRef service() {
        return inbound.service();
    }

    int number() {
        return inbound.number();
    }

    Protocol protocol() {
        return inbound.port().protocol();
    }

    Admission admission() {
        return inbound.admission();
    }
}
