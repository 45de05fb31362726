package io.gitmesh.app.run;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.reconciler.loop.AppliedRevision;
import io.gitmesh.reconciler.loop.MeshSink;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.NodeMetadata;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.SnapshotGroupResolver;
import io.gitmesh.xds.override.OverrideValidator;
import io.gitmesh.xds.server.PublishResult;
import io.gitmesh.xds.translate.ProxyConfigs;
import io.gitmesh.xds.translate.TranslateOptions;
import io.envoyproxy.envoy.config.core.v3.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the reconciler to the xDS server: every applied revision is translated for every
 * identity and flavour (groups whose inputs did not change keep their config), the Envoy overrides
 * applied, and the whole desired state published (the server pushes only groups whose content
 * changed). Also resolves connecting proxies to their group.
 */
final class XdsMeshSink implements MeshSink, SnapshotGroupResolver {
    private static final Logger LOG = LoggerFactory.getLogger(XdsMeshSink.class);

    /** What is served now. */
    record Served(AppliedRevision revision, Map<SnapshotGroup, ProxyConfig> configs, List<Diagnostic> diagnostics) { }

    private final TranslateOptions options;
    private final Optional<String> caTrustDomain;
    private final ProxyConfigs proxyConfigs = new ProxyConfigs();
    private final OverrideValidator overrides = new OverrideValidator();
    private final AtomicReference<Served> served = new AtomicReference<>();
    private Function<Map<SnapshotGroup, ProxyConfig>, CompletableFuture<PublishResult>> publisher;
    /** The last revision's translation, which the next one reuses for the groups it leaves unchanged. */
    private ProxyConfigs.Result translated = ProxyConfigs.Result.empty();

    /** @param caTrustDomain the trust domain of the CA that certifies the workloads; empty without mTLS */
    XdsMeshSink(TranslateOptions options, Optional<String> caTrustDomain) {
        this.options = options;
        this.caTrustDomain = caTrustDomain;
    }

    /** Where desired states go: the xDS server, or the SDS publisher in front of it. */
    void attach(Function<Map<SnapshotGroup, ProxyConfig>, CompletableFuture<PublishResult>> publish) {
        this.publisher = publish;
    }

    Optional<Served> served() {
        return Optional.ofNullable(served.get());
    }

    @Override
    public void publish(AppliedRevision revision) {
        Mesh mesh = revision.mesh();
        var valid = overrides.validate(revision.compiled().checked().policies().envoyOverrides()).valid();
        ProxyConfigs.Result result = proxyConfigs.build(mesh, revision.compiled().cluster(), valid, options,
                translated);
        translated = result;
        served.set(new Served(revision, result.configs(), result.diagnostics()));
        result.diagnostics().forEach(d -> LOG.warn("override not applied: {}", d.toText()));
        String commit = revision.commit().id().abbreviated();
        caTrustDomain.filter(trustDomain -> !trustDomain.equals(mesh.trustDomain())).ifPresent(trustDomain ->
                LOG.error("commit={}: the mesh's trust domain {} is not the CA's {}: workload certificates will not "
                        + "match the policy's SPIFFE IDs and sidecars will wait for secrets named after {}; set the "
                        + "MeshConfig's trust domain to {}, or run with a CA for {}", commit, mesh.trustDomain(),
                        trustDomain, mesh.trustDomain(), trustDomain, mesh.trustDomain()));
        publisher.apply(result.configs()).whenComplete((published, failure) -> {
            if (failure != null) {
                LOG.error("publishing commit={} failed: {}", commit, failure.toString());
            } else if (!published.refused().isEmpty()) {
                LOG.error("commit={}: the server refused inconsistent groups {}", commit, published.refused());
            }
        });
    }

    /**
     * A proxy's group: its identity and flavour from the node metadata, and the ports the applied mesh
     * gives that identity (so a bootstrap need not know them). gitmesh publishes one group per identity
     * and flavour, so a node that declares other ports than the mesh gives its identity gets the
     * identity's group — with a warning — rather than a group nothing is published for. Before the first
     * revision is applied, the node's own declaration stands.
     */
    @Override
    public Optional<SnapshotGroup> groupOf(Node node) {
        Optional<SnapshotGroup> declared = NodeMetadata.groupOf(node);
        Served now = served.get();
        if (declared.isEmpty() || now == null) {
            return declared;
        }
        SnapshotGroup group = declared.get();
        SnapshotGroup published = ProxyConfigs.group(now.revision().mesh(),
                new Identity(group.namespace(), group.serviceAccount()), group.flavour());
        if (!group.ports().isEmpty() && !group.ports().equals(published.ports())) {
            LOG.warn("node {} declares served ports {} but the applied mesh gives {}/{} the ports {}: it gets the "
                    + "identity's config", node.getId(), group.ports(), group.namespace(), group.serviceAccount(),
                    published.ports());
        }
        return Optional.of(published);
    }
}
