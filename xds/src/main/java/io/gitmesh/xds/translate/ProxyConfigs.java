package io.gitmesh.xds.translate;

import io.gitmesh.model.Identity;
import io.gitmesh.model.InboundPort;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.Values;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.cluster.Workload;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Severity;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.ResourceInterner;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.override.EnvoyResources;
import io.gitmesh.xds.override.OverrideApplier;
import io.gitmesh.xds.override.Patched;
import io.gitmesh.xds.override.ValidOverride;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.TreePMap;

/**
 * Everything the xDS server serves for one revision: for each identity of the mesh and each flavour,
 * its snapshot group (the identity's served ports are the target ports of its inbound view) and the
 * translated config with the Envoy overrides that select it applied. Overrides patch Envoy sidecars
 * only: proxyless gRPC reads a small subset of xDS, so Envoy-specific patches would at best do
 * nothing there (Istio's EnvoyFilter leaves proxyless gRPC alone for the same reason). An override
 * that breaks a group's references is left out for that group and reported; the group is served
 * without it. Pure.
 *
 * <p><b>Incremental.</b> Given the previous revision's {@link Result}, a group whose inputs are equal
 * to its previous ones — its {@link ProxyScope} (the identity's outbound and inbound views and the
 * Services they name), and for Envoy overrides the overrides and the identity's labels — keeps its
 * previous config, the very instance; only the other groups are translated again. A scope whose views
 * and Services are the very instances of the previous mesh is not even built again
 * ({@link ProxyScope#sameIn}); with the same identities, options and overrides, only the groups of
 * identities whose views changed, or whose scopes name a Service that did ({@link ScopeReferrers}), are
 * even looked at. Translation is a
 * function of those inputs, so the result equals a build from scratch. The very same mesh and cluster
 * state (a revision that changed no policy document) with equal overrides and options give the
 * previous result itself. Resources of equal content
 * are shared between the groups translated together ({@link ResourceInterner}), and hashed once.
 */
public final class ProxyConfigs {
    private final Translator translator = new Translator();
    private final OverrideApplier applier = new OverrideApplier();

    /** The configs by group, in group order, what applying overrides had to say, and what each was built from. */
    public static final class Result {
        private static final Result EMPTY = new Result(HashTreePMap.empty(), ScopeReferrers.NONE, TreePMap.empty(),
                List.of(), Map.of(), Inputs.NONE);

        private final PMap<Identity, List<GroupTranslation>> byIdentity;
        private final ScopeReferrers referrers;
        private final TreePMap<SnapshotGroup, ProxyConfig> configs;
        private final List<Diagnostic> diagnostics;
        private final Map<Identity, Map<String, String>> labels;
        private final Inputs inputs;

        private Result(PMap<Identity, List<GroupTranslation>> byIdentity, ScopeReferrers referrers,
                TreePMap<SnapshotGroup, ProxyConfig> configs, List<Diagnostic> diagnostics,
                Map<Identity, Map<String, String>> labels, Inputs inputs) {
            this.byIdentity = byIdentity;
            this.referrers = referrers;
            this.configs = configs;
            this.diagnostics = diagnostics;
            this.labels = labels;
            this.inputs = inputs;
        }

        /** Nothing built: what a first build starts from. */
        public static Result empty() {
            return EMPTY;
        }

        /** The config of every group, in group order (an immutable map). */
        public Map<SnapshotGroup, ProxyConfig> configs() {
            return configs;
        }

        /** What each group's config was built from. */
        Map<SnapshotGroup, GroupTranslation> groups() {
            Map<SnapshotGroup, GroupTranslation> groups = new TreeMap<>();
            byIdentity.values().forEach(translations -> translations.forEach(t -> groups.put(t.group(), t)));
            return groups;
        }

        /** The identities whose groups' scopes name the Service. */
        Set<Identity> referrersOf(ServiceRef service) {
            return referrers.of(service);
        }

        /** What applying the overrides had to say, sorted. */
        public List<Diagnostic> diagnostics() {
            return diagnostics;
        }
    }

    /**
     * What a result was built from. {@code mesh} and {@code cluster} are compared by identity (the
     * reconciler hands the same instances on when a revision changes no policy document), and only
     * for a result of every group.
     */
    private record Inputs(Mesh mesh, ClusterState cluster, List<ValidOverride> overrides, TranslateOptions options,
            boolean everyGroup) {
        static final Inputs NONE = new Inputs(null, null, List.of(), null, false);

        Inputs {
            overrides = List.copyOf(overrides);
        }

        boolean sameAs(Inputs other) {
            return everyGroup && other.everyGroup && mesh == other.mesh && cluster == other.cluster
                    && overrides.equals(other.overrides) && options.equals(other.options);
        }
    }

    public Result build(Mesh mesh, ClusterState cluster, List<ValidOverride> overrides, TranslateOptions options) {
        return build(mesh, cluster, overrides, options, Result.empty());
    }

    /**
     * Every group, reusing the config of each group whose inputs equal those it had in {@code previous}
     * ({@code gitmesh run}: the previous revision's result).
     */
    public Result build(Mesh mesh, ClusterState cluster, List<ValidOverride> overrides, TranslateOptions options,
            Result previous) {
        Objects.requireNonNull(previous, "previous");
        Inputs inputs = new Inputs(mesh, cluster, overrides, options, true);
        return inputs.sameAs(previous.inputs) ? previous : build(inputs, group -> true, previous);
    }

    /** Only the groups {@code which} accepts ({@code gitmesh render}: one). */
    public Result build(Mesh mesh, ClusterState cluster, List<ValidOverride> overrides, TranslateOptions options,
            Predicate<SnapshotGroup> which) {
        return build(new Inputs(mesh, cluster, overrides, options, false), which, Result.empty());
    }

    private Result build(Inputs inputs, Predicate<SnapshotGroup> which, Result previous) {
        Mesh mesh = Objects.requireNonNull(inputs.mesh(), "mesh");
        ClusterState cluster = inputs.cluster();
        List<ValidOverride> overrides = inputs.overrides();
        TranslateOptions options = Objects.requireNonNull(inputs.options(), "options");
        boolean sameOverrides = previous.inputs.overrides().equals(overrides);
        Map<Identity, Map<String, String>> labels = overrides.isEmpty() ? Map.of()
                : previous.inputs.cluster() == cluster && !previous.labels.isEmpty() ? previous.labels
                : commonLabels(cluster);
        // the same identities (the same cluster state): the previous maps are changed only where groups changed
        boolean sameIdentities = inputs.everyGroup() && previous.inputs.everyGroup()
                && previous.inputs.mesh().identities() == mesh.identities();
        PMap<Identity, List<GroupTranslation>> byIdentity = sameIdentities ? previous.byIdentity : HashTreePMap.empty();
        ScopeReferrers.Editor referrers = (sameIdentities ? previous.referrers : ScopeReferrers.NONE).edit();
        TreePMap<SnapshotGroup, ProxyConfig> configs = sameIdentities ? previous.configs : TreePMap.empty();
        boolean diagnosticsChanged = !sameIdentities;
        ResourceInterner interner = new ResourceInterner();
        MeshDelta delta = MeshDelta.between(previous.inputs.mesh(), mesh);
        // with the same identities, options and overrides, only groups that name something changed can change
        Collection<Identity> visited = sameIdentities && sameOverrides && previous.inputs.options().equals(options)
                ? delta.touched(previous.referrers::of).<Collection<Identity>>map(touched -> touched)
                        .orElse(mesh.identities())
                : mesh.identities();
        for (Identity identity : visited) {
            List<GroupTranslation> was = previous.byIdentity.getOrDefault(identity, List.of());
            List<GroupTranslation> now = new ArrayList<>(Flavour.values().length);
            for (Flavour flavour : Flavour.values()) {
                GroupTranslation before = ofFlavour(was, flavour);
                // the group follows from the inbound view: the same instance, the same group
                SnapshotGroup group = before != null && delta.sameViews(identity) ? before.group()
                        : group(mesh, identity, flavour);
                if (!which.test(group)) {
                    continue;
                }
                if (before != null && !before.group().equals(group)) {
                    before = null;
                }
                now.add(translation(group, mesh, delta, options, overrides, sameOverrides, labels, before, interner));
            }
            if (!Values.sameInstances(was, now) || !sameIdentities) {
                byIdentity = byIdentity.plus(identity, List.copyOf(now));
                referrers.remove(identity, sameIdentities ? was : List.of());
                referrers.add(identity, now);
                for (GroupTranslation old : sameIdentities ? was : List.<GroupTranslation>of()) {
                    configs = configs.minus(old.group());
                    diagnosticsChanged |= !old.diagnostics().isEmpty();
                }
                for (GroupTranslation translation : now) {
                    configs = configs.plus(translation.group(), translation.config());
                    diagnosticsChanged |= !translation.diagnostics().isEmpty();
                }
            }
        }
        List<Diagnostic> diagnostics = !diagnosticsChanged ? previous.diagnostics
                : byIdentity.values().stream().flatMap(List::stream).flatMap(t -> t.diagnostics().stream())
                        .sorted().distinct().toList();
        return new Result(byIdentity, referrers.done(), configs, diagnostics, labels, inputs);
    }

    /** The group's translation: {@code before}'s, or parts of it, where its inputs did not change. */
    private GroupTranslation translation(SnapshotGroup group, Mesh mesh, MeshDelta delta, TranslateOptions options,
            List<ValidOverride> overrides, boolean sameOverrides, Map<Identity, Map<String, String>> labels,
            GroupTranslation before, ResourceInterner interner) {
        ProxyScope scope = before != null && before.scope().sameIn(delta, options)
                ? before.scope() : ProxyScope.of(mesh, group, options);
        ProxyConfig translated = before != null && before.scope().equals(scope)
                ? before.translated()
                : sameOrNew(before == null ? null : before.translated(), translator.translate(scope, interner));
        if (overrides.isEmpty() || group.flavour() != Flavour.ENVOY) {
            return before != null && before.translated() == translated && before.labels().isEmpty()
                    && before.config() == translated && before.scope() == scope
                    ? before : GroupTranslation.unpatched(group, scope, translated);
        }
        Map<String, String> identityLabels = labels.getOrDefault(scope.identity(), Map.of());
        boolean reusable = before != null && before.translated() == translated && sameOverrides
                && before.labels().equals(identityLabels);
        return reusable ? before : patch(group, scope, translated, identityLabels, overrides, before);
    }

    /** The translation of that flavour among an identity's, or null. */
    private static GroupTranslation ofFlavour(List<GroupTranslation> translations, Flavour flavour) {
        for (GroupTranslation translation : translations) {
            if (translation.group().flavour() == flavour) {
                return translation;
            }
        }
        return null;
    }

    /** The group a workload of {@code identity} belongs to, by the ports its inbound view serves. */
    public static SnapshotGroup group(Mesh mesh, Identity identity, Flavour flavour) {
        TreeSet<Integer> ports = new TreeSet<>();
        for (InboundPort port : mesh.inbound(identity).ports()) {
            ports.addAll(port.targetPorts());
        }
        return new SnapshotGroup(identity.namespace(), identity.serviceAccount(), flavour, List.copyOf(ports));
    }

    /** {@code before} when it has the same content as {@code now}: configs that do not change keep their instance. */
    private static ProxyConfig sameOrNew(ProxyConfig before, ProxyConfig now) {
        return now.equals(before) ? before : now;
    }

    private GroupTranslation patch(SnapshotGroup group, ProxyScope scope, ProxyConfig config, Map<String, String> labels,
            List<ValidOverride> overrides, GroupTranslation before) {
        Identity identity = scope.identity();
        Patched patched = applier.apply(new EnvoyResources(config.listeners(), config.clusters(), config.routes()),
                new io.gitmesh.xds.override.Workload(identity.namespace(), identity.serviceAccount(), labels),
                overrides);
        List<Diagnostic> diagnostics = new ArrayList<>(patched.diagnostics());
        ProxyConfig result = ProxyConfig.builder()
                .listeners(patched.resources().listeners())
                .routes(patched.resources().routeConfigurations())
                .clusters(patched.resources().clusters())
                .endpoints(config.endpoints())
                .secrets(config.secrets())
                .build();
        List<String> missing = result.missingReferences();
        if (missing.isEmpty()) {
            return new GroupTranslation(group, scope, config, labels,
                    sameOrNew(before == null ? null : before.config(), result), diagnostics);
        }
        diagnostics.add(new Diagnostic(Severity.ERROR, "", 0, 0, "", identity.toString(), "the Envoy overrides "
                + "selecting " + identity + " leave dangling references (" + String.join("; ", missing)
                + "); its config is served without overrides"));
        return new GroupTranslation(group, scope, config, labels, config, diagnostics);
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
