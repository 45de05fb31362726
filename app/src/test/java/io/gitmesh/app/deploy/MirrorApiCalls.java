package io.gitmesh.app.deploy;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.gitmesh.reconciler.compile.ClusterInput;
import io.gitmesh.reconciler.compile.CompiledRevision;
import io.gitmesh.reconciler.compile.RevisionCompiler;
import io.gitmesh.reconciler.loop.AppliedRevision;
import io.gitmesh.reconciler.loop.AppliedSources;
import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.mirror.ClusterMirror;
import io.gitmesh.reconciler.mirror.MirrorSettings;
import io.gitmesh.reconciler.source.Commit;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The SMI mirror through a policy's life, for {@link RbacCoverageTest}: the CRDs of deploy/ installed,
 * every SMI kind created, then patched by the next commit, then all but one pruned, then the last one
 * renamed (created anew, the old one pruned).
 */
final class MirrorApiCalls {
    private static final String NS = "shop";
    private static final String ROUTES = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: %s, namespace: shop}
            spec:
              matches: [{name: read, pathRegex: /items, methods: [GET]}]
            """;
    private static final String OTHERS = """
            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: TCPRoute
            metadata: {name: tcp, namespace: shop}
            spec: {matches: {ports: [%1$d]}}
            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: UDPRoute
            metadata: {name: udp, namespace: shop}
            spec: {matches: {ports: [%1$d]}}
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: web, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: api, namespace: shop}
              sources: [{kind: ServiceAccount, name: web, namespace: shop}]
              rules: [{kind: HTTPRouteGroup, name: routes}]
            ---
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: api, namespace: shop}
            spec:
              service: api
              backends: [{service: api-v1, weight: %2$d}, {service: api-v2, weight: %3$d}]
            """;

    private MirrorApiCalls() {
    }

    static void run(KubernetesClient client, KubernetesClient setUp) throws IOException {
        installCrds(setUp);
        try (ClusterMirror mirror = new ClusterMirror(client, MirrorSettings.DEFAULTS, Limits.DEFAULT,
                new SimpleMeterRegistry())) {
            mirror.start();
            apply(mirror, 'a', ROUTES.formatted("routes") + OTHERS.formatted(80, 100, 0));
            await().atMost(Duration.ofSeconds(20)).until(() -> exists(setUp, "split.smi-spec.io", "trafficsplits", "api"));
            apply(mirror, 'b', ROUTES.formatted("routes") + OTHERS.formatted(81, 50, 50));
            await().atMost(Duration.ofSeconds(20)).until(() -> mirror.status().writtenCommit().equals(id('b')));
            apply(mirror, 'c', ROUTES.formatted("routes"));
            await().atMost(Duration.ofSeconds(20)).until(() -> !exists(setUp, "split.smi-spec.io", "trafficsplits", "api"));
            apply(mirror, 'd', ROUTES.formatted("all-routes"));
            await().atMost(Duration.ofSeconds(20)).until(() -> !exists(setUp, "specs.smi-spec.io", "httproutegroups",
                    "routes"));
        }
    }

    private static void apply(ClusterMirror mirror, char commit, String policy) {
        SourceFiles files = new SourceFiles(List.of(new SourceFile("policy.yaml",
                policy.getBytes(StandardCharsets.UTF_8))), List.of());
        CompiledRevision compiled = new RevisionCompiler(Limits.DEFAULT).compile(files, ClusterInput.NONE);
        Commit applied = new Commit(new CommitId(id(commit)), "A U Thor <a@example.com>",
                Instant.parse("2026-01-01T00:00:00Z"), "commit " + commit);
        mirror.passed(new Outcome.Applied(applied), Optional.of(new AppliedSources(
                new AppliedRevision(applied, compiled.mesh().orElseThrow(), compiled), files)));
    }

    private static String id(char commit) {
        return String.valueOf(commit).repeat(40);
    }

    private static boolean exists(KubernetesClient setUp, String group, String plural, String name) {
        GenericKubernetesResource found = setUp.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                .withGroup(group).withVersion(group.startsWith("access") ? "v1alpha3" : "v1alpha4")
                .withPlural(plural).withNamespaced(true).build()).inNamespace(NS).withName(name).get();
        return found != null;
    }

    private static void installCrds(KubernetesClient setUp) {
        for (String file : List.of("access.yaml", "httproutegroup.yaml", "split.yaml", "tcproute.yaml",
                "udproute.yaml")) {
            Path crd = DeployTree.KUSTOMIZE_CRDS.resolve(file);
            try (InputStream in = Files.newInputStream(crd)) {
                setUp.apiextensions().v1().customResourceDefinitions().resource(setUp.getKubernetesSerialization()
                        .unmarshal(in, CustomResourceDefinition.class)).create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
