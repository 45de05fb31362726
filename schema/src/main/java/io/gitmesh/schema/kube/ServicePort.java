package io.gitmesh.schema.kube;

import java.util.Objects;

/**
 * A Service port.
 *
 * @param name        may be empty for a single-port Service
 * @param targetPort  a number or a container port name, as written; the port itself when omitted
 * @param protocol    TCP (default), UDP or SCTP
 * @param appProtocol null when not set
 */
public record ServicePort(String name, int port, String targetPort, String protocol, String appProtocol) {
    public ServicePort {
        name = name == null ? "" : name;
        targetPort = targetPort == null || targetPort.isEmpty() ? Integer.toString(port) : targetPort;
        protocol = protocol == null || protocol.isEmpty() ? "TCP" : protocol;
        Objects.requireNonNull(targetPort);
    }
}
