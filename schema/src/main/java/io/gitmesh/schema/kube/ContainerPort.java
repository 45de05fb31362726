package io.gitmesh.schema.kube;

/** A container port of a pod template ({@code name} may be empty). */
public record ContainerPort(String name, int port, String protocol) {
    public ContainerPort {
        name = name == null ? "" : name;
        protocol = protocol == null || protocol.isEmpty() ? "TCP" : protocol;
    }
}
