package io.gitmesh.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The apiVersion/kind pairs gitmesh reads, and what each is: a policy document (validated against a
 * JSON Schema, then normalised) or a Kubernetes object that stands in for the cluster.
 */
public record DocumentType(String group, String version, String kind, Category category) {

    public enum Category {
        /** SMI and gitmesh policy: schema-checked, normalised into a {@code PolicyDocument}. */
        POLICY,
        /** Kubernetes objects: cluster-state input. */
        CLUSTER
    }

    public static final String ACCESS = "access.smi-spec.io";
    public static final String SPECS = "specs.smi-spec.io";
    public static final String SPLIT = "split.smi-spec.io";
    public static final String GITMESH = "gitmesh.io";
    public static final String OSM_CONFIG = "config.openservicemesh.io";

    private static final Map<String, List<String>> POLICY_VERSIONS = new TreeMap<>(Map.of(
            ACCESS + "/TrafficTarget", List.of("v1alpha1", "v1alpha2", "v1alpha3"),
            SPECS + "/HTTPRouteGroup", List.of("v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4"),
            SPECS + "/TCPRoute", List.of("v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4"),
            SPECS + "/UDPRoute", List.of("v1alpha4"),
            SPLIT + "/TrafficSplit", List.of("v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4"),
            GITMESH + "/MeshConfig", List.of("v1alpha1"),
            GITMESH + "/EnvoyOverride", List.of("v1alpha1"),
            OSM_CONFIG + "/MeshConfig", List.of("v1alpha1", "v1alpha2")));

    private static final Map<String, String> CLUSTER_KINDS = Map.of(
            "Namespace", "v1", "Service", "v1", "ServiceAccount", "v1", "Pod", "v1", "Endpoints", "v1",
            "Deployment", "apps/v1", "StatefulSet", "apps/v1", "DaemonSet", "apps/v1",
            "EndpointSlice", "discovery.k8s.io/v1");

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public boolean isPolicy() {
        return category == Category.POLICY;
    }

    /** What an apiVersion/kind pair is, or empty when gitmesh does not read it. */
    public static Optional<DocumentType> of(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        List<String> versions = POLICY_VERSIONS.get(group + "/" + kind);
        if (versions != null && versions.contains(version)) {
            return Optional.of(new DocumentType(group, version, kind, Category.POLICY));
        }
        if (apiVersion.equals(CLUSTER_KINDS.get(kind))) {
            return Optional.of(new DocumentType(group, version, kind, Category.CLUSTER));
        }
        return Optional.empty();
    }

    /** Every policy type gitmesh reads, each version separately, ordered by group, kind and version. */
    public static List<DocumentType> policyTypes() {
        return POLICY_VERSIONS.entrySet().stream()
                .flatMap(e -> {
                    String group = e.getKey().substring(0, e.getKey().indexOf('/'));
                    String kind = e.getKey().substring(e.getKey().indexOf('/') + 1);
                    return e.getValue().stream().map(v -> new DocumentType(group, v, kind, Category.POLICY));
                })
                .toList();
    }

    /**
     * For a group and kind gitmesh reads, but in a version it does not, the versions it does read;
     * empty when gitmesh does not know the kind in that group at all.
     */
    public static List<String> supportedVersions(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        List<String> policy = POLICY_VERSIONS.get(group + "/" + kind);
        if (policy != null) {
            return policy;
        }
        String cluster = CLUSTER_KINDS.get(kind);
        if (cluster != null && cluster.startsWith(group.isEmpty() ? "v" : group + "/")) {
            return List.of(cluster.substring(cluster.indexOf('/') + 1));
        }
        return List.of();
    }
}
