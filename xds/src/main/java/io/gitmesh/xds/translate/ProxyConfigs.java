package io.gitmesh.xds.translate;

import io.gitmesh.model.Identity;
import io.gitmesh.model.InboundPort;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.cluster.Workload;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Severity;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.override.EnvoyResources;
import io.gitmesh.xds.override.OverrideApplier;
import io.gitmesh.xds.override.Patched;
import io.gitmesh.xds.override.ValidOverride;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Everything the xDS server serves for one revision: for each identity of the mesh and each flavour,
 * its snapshot group (the identity's served ports are the target ports of its inbound view) and the
 * translated config with the Envoy overrides that select it applied. Overrides patch Envoy sidecars
 * only: proxyless gRPC reads a small subset of xDS, so Envoy-specific patches would at best do
 * nothing there (Istio's EnvoyFilter leaves proxyless gRPC alone for the same reason). An override
 * that breaks a group's references is left out for that group and reported; the group is served
 * without it. Pure.
 */
public final class ProxyConfigs {
    private final Translator translator = new Translator();
    private final OverrideApplier applier = new OverrideApplier();

    /** The configs by group, in group order, and what applying overrides had to say. */
    public record Result(Map<SnapshotGroup, ProxyConfig> configs, List<Diagnostic> diagnostics) {
        public Result {
            configs = java.util.Collections.unmodifiableMap(new TreeMap<>(configs));
            diagnostics = diagnostics.stream().sorted().distinct().toList();
        }
    }

    public Result build(Mesh mesh, ClusterState cluster, List<ValidOverride> overrides, TranslateOptions options) {
        return build(mesh, cluster, overrides, options, group -> true);
    }

    /** Only the groups {@code which} accepts ({@code gitmesh render}: one). */
    public Result build(Mesh mesh, ClusterState cluster, List<ValidOverride> overrides, TranslateOptions options,
            Predicate<SnapshotGroup> which) {
        Objects.requireNonNull(mesh, "mesh");
        Map<Identity, Map<String, String>> labels = commonLabels(cluster);
        Map<SnapshotGroup, ProxyConfig> configs = new HashMap<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Identity identity : mesh.identities()) {
            for (Flavour flavour : Flavour.values()) {
                SnapshotGroup group = group(mesh, identity, flavour);
                if (!which.test(group)) {
                    continue;
                }
                ProxyConfig config = translator.translate(mesh, group, options);
                configs.put(group, overrides.isEmpty() || flavour != Flavour.ENVOY ? config : patch(config, identity,
                        labels.getOrDefault(identity, Map.of()), overrides, diagnostics));
            }
        }
        return new Result(configs, diagnostics);
    }

    /** The group a workload of {@code identity} belongs to, by the ports its inbound view serves. */
    public static SnapshotGroup group(Mesh mesh, Identity identity, Flavour flavour) {
        TreeSet<Integer> ports = new TreeSet<>();
        for (InboundPort port : mesh.inbound(identity).ports()) {
            ports.addAll(port.targetPorts());
        }
        return new SnapshotGroup(identity.namespace(), identity.serviceAccount(), flavour, List.copyOf(ports));
    }

    private ProxyConfig patch(ProxyConfig config, Identity identity, Map<String, String> labels,
            List<ValidOverride> overrides, List<Diagnostic> diagnostics) {
        Patched patched = applier.apply(new EnvoyResources(config.listeners(), config.clusters(), config.routes()),
                new io.gitmesh.xds.override.Workload(identity.namespace(), identity.serviceAccount(), labels),
                overrides);
        diagnostics.addAll(patched.diagnostics());
        ProxyConfig result = ProxyConfig.builder()
                .listeners(patched.resources().listeners())
                .routes(patched.resources().routeConfigurations())
                .clusters(patched.resources().clusters())
                .endpoints(config.endpoints())
                .secrets(config.secrets())
                .build();
        List<String> missing = result.missingReferences();
        if (missing.isEmpty()) {
            return result;
        }
        diagnostics.add(new Diagnostic(Severity.ERROR, "", 0, 0, "", identity.toString(), "the Envoy overrides "
                + "selecting " + identity + " leave dangling references (" + String.join("; ", missing)
                + "); its config is served without overrides"));
        return config;
    }

    /**
     * Labels that every workload of an identity carries: an override selecting by label applies to an
     * identity only when all of its workloads match, since they share one config.
     */
    private static Map<Identity, Map<String, String>> commonLabels(ClusterState cluster) {
        Map<Identity, Map<String, String>> common = new HashMap<>();
        for (Workload workload : cluster.workloads()) {
            common.merge(workload.identity(), new TreeMap<>(workload.podLabels()), (a, b) -> {
                Map<String, String> both = new TreeMap<>(a);
                both.entrySet().removeIf(e -> !e.getValue().equals(b.get(e.getKey())));
                return both;
            });
        }
        return common;
    }
}
