package io.gitmesh.model.cluster;

/** The transport protocol of a Kubernetes port ({@code protocol}: TCP, UDP or SCTP). */
public enum Transport {
    TCP,
    UDP,
    SCTP;

    /** The transport a Kubernetes {@code protocol} field names; TCP (the Kubernetes default) for anything else. */
    public static Transport of(String kubernetesProtocol) {
        return switch (kubernetesProtocol == null ? "" : kubernetesProtocol) {
            case "UDP" -> UDP;
            case "SCTP" -> SCTP;
            default -> TCP;
        };
    }
}
