package io.gitmesh.reconciler.mirror;

import io.gitmesh.schema.DocumentType;
import java.util.Arrays;
import java.util.Optional;

/**
 * The SMI kinds gitmesh writes into the cluster, with the API group and plural their CRDs define.
 * MeshConfig and EnvoyOverride are gitmesh's own documents and stay in git.
 */
public enum SmiKind {
    HTTP_ROUTE_GROUP(DocumentType.SPECS, "HTTPRouteGroup", "httproutegroups"),
    TCP_ROUTE(DocumentType.SPECS, "TCPRoute", "tcproutes"),
    TRAFFIC_SPLIT(DocumentType.SPLIT, "TrafficSplit", "trafficsplits"),
    TRAFFIC_TARGET(DocumentType.ACCESS, "TrafficTarget", "traffictargets"),
    UDP_ROUTE(DocumentType.SPECS, "UDPRoute", "udproutes");

    private final String group;
    private final String kind;
    private final String plural;

    SmiKind(String group, String kind, String plural) {
        this.group = group;
        this.kind = kind;
        this.plural = plural;
    }

    public String group() {
        return group;
    }

    public String kind() {
        return kind;
    }

    public String plural() {
        return plural;
    }

    /** The CRD's name, {@code <plural>.<group>}. */
    public String crdName() {
        return plural + "." + group;
    }

    /** The kind gitmesh mirrors under this name, or empty (MeshConfig, EnvoyOverride, anything else). */
    public static Optional<SmiKind> of(String kind) {
        return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst();
    }
}
