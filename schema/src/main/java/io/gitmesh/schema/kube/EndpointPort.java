package io.gitmesh.schema.kube;

/** A port of an endpoint group ({@code name} matches the Service port's name). */
public record EndpointPort(String name, int port, String protocol, String appProtocol) {
    public EndpointPort {
        name = name == null ? "" : name;
        protocol = protocol == null || protocol.isEmpty() ? "TCP" : protocol;
    }
}
