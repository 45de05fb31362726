package io.gitmesh.reconciler.compile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.reconciler.ShopFixtures;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A compiler with a parse cache (the reconcile loop) reuses the cluster state, checks and mesh of
 * the previous revision when their inputs did not change, and always gives what a compiler without
 * any cache gives for the same revision.
 */
class RevisionCompilerTest {
    private static final String CLUSTER = ShopFixtures.CLUSTER;
    private static final String ADMIN_ACCOUNT = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: admin, namespace: shop}
            """;
    private static final String ROUTES = ShopFixtures.ROUTES;
    private static final String TARGET = """
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: web, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: web, namespace: shop}
              sources: [{kind: ServiceAccount, name: %s, namespace: shop}]
              rules: [{kind: HTTPRouteGroup, name: routes, matches: [read]}]
            """;

    private static final Map<String, String> BASE = files("cluster.yaml", CLUSTER, "policy/routes.yaml", ROUTES,
            "policy/target.yaml", TARGET.formatted("client"));

    private final RevisionCompiler incremental = new RevisionCompiler(Limits.DEFAULT, new ParseCache(), List.of());

    @Test
    void aRevisionWithTheSameFilesReusesTheClusterStateAndTheMesh() {
        CompiledRevision first = incremental.compile(policy(BASE), none());
        CompiledRevision again = incremental.compile(policy(BASE), none());

        assertThat(again.mesh().orElseThrow()).isSameAs(first.mesh().orElseThrow());
        assertThat(again.cluster()).isSameAs(first.cluster());
        assertThat(again.checked()).isSameAs(first.checked());
    }

    @Test
    void aChangedPolicyDocumentKeepsTheClusterStateAndCompilesTheMeshAgain() {
        CompiledRevision first = incremental.compile(policy(BASE), none());
        Map<String, String> edited = with(BASE, "policy/routes.yaml", ROUTES.replace("/items", "/goods"));

        CompiledRevision next = incremental.compile(policy(edited), none());

        assertThat(next.cluster()).isSameAs(first.cluster());
        assertThat(next.mesh()).isNotEqualTo(first.mesh());
        assertSameAsFromScratch(next, policy(edited), none());
    }

    @Test
    void kubernetesObjectsReParsedButUnchangedKeepTheClusterState() {
        CompiledRevision first = incremental.compile(policy(BASE), none());
        Map<String, String> moved = with(BASE, "cluster.yaml", "# the objects move two lines down\n\n" + CLUSTER);

        CompiledRevision next = incremental.compile(policy(moved), none());

        assertThat(next.cluster()).isSameAs(first.cluster());
        assertThat(next.mesh().orElseThrow()).isSameAs(first.mesh().orElseThrow());
        assertSameAsFromScratch(next, policy(moved), none());
    }

    @Test
    void aChangedKubernetesObjectBuildsTheClusterStateAgain() {
        CompiledRevision first = incremental.compile(policy(BASE), none());

        CompiledRevision next = incremental.compile(policy(with(BASE, "cluster.yaml", CLUSTER + "---\n"
                + ADMIN_ACCOUNT)), none());

        assertThat(next.cluster()).isNotSameAs(first.cluster()).isNotEqualTo(first.cluster());
    }

    @Test
    void aSequenceOfRevisionsCompiledEachOnTheLastEqualsEachCompiledFromScratch() {
        Map<String, String> badRegex = with(BASE, "policy/routes.yaml", ROUTES.replace("/items", "(?<=x)"));
        Map<String, String> unknownSource = with(BASE, "policy/target.yaml", TARGET.formatted("admin"));
        Map<String, String> withoutTarget = new LinkedHashMap<>(BASE);
        withoutTarget.remove("policy/target.yaml");
        SourceFiles admin = new SourceFiles(List.of(new SourceFile("state/admin.yaml", ADMIN_ACCOUNT.getBytes(UTF_8))),
                List.of());
        List<Map.Entry<Map<String, String>, SourceFiles>> sequence = List.of(
                Map.entry(BASE, none()), Map.entry(badRegex, none()), Map.entry(BASE, none()),
                Map.entry(unknownSource, none()), Map.entry(unknownSource, admin), Map.entry(unknownSource, admin),
                Map.entry(withoutTarget, admin), Map.entry(BASE, admin), Map.entry(BASE, none()),
                Map.entry(badRegex, admin), Map.entry(BASE, none()),
                Map.entry(with(BASE, "cluster.yaml", "\n" + CLUSTER), none()), Map.entry(BASE, none()));

        for (Map.Entry<Map<String, String>, SourceFiles> revision : sequence) {
            CompiledRevision compiled = incremental.compile(policy(revision.getKey()), revision.getValue());

            assertSameAsFromScratch(compiled, policy(revision.getKey()), revision.getValue());
        }
    }

    /**
     * The same mesh, cluster state, diagnostics and checked documents as a compiler without cache gives
     * (documents are compared by key and place: each parse has its own position index).
     */
    private static void assertSameAsFromScratch(CompiledRevision compiled, SourceFiles policy,
            SourceFiles clusterState) {
        CompiledRevision expected = new RevisionCompiler(Limits.DEFAULT).compile(policy, clusterState);
        assertThat(compiled.mesh()).isEqualTo(expected.mesh());
        assertThat(compiled.cluster()).isEqualTo(expected.cluster());
        assertThat(compiled.diagnostics()).isEqualTo(expected.diagnostics());
        assertThat(compiled.checked().diagnostics()).isEqualTo(expected.checked().diagnostics());
        assertThat(places(compiled)).isEqualTo(places(expected));
    }

    private static List<String> places(CompiledRevision revision) {
        return revision.checked().policies().documents().stream()
                .map(d -> d.key() + " at " + d.origin().file() + ":" + d.origin().start())
                .toList();
    }

    private static SourceFiles policy(Map<String, String> files) {
        List<SourceFile> sources = new ArrayList<>();
        files.forEach((path, text) -> sources.add(new SourceFile(path, text.getBytes(UTF_8))));
        return new SourceFiles(sources, List.of());
    }

    private static SourceFiles none() {
        return new SourceFiles(List.of(), List.of());
    }

    private static Map<String, String> files(String... pathsAndTexts) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return files;
    }

    private static Map<String, String> with(Map<String, String> files, String path, String text) {
        Map<String, String> changed = new LinkedHashMap<>(files);
        changed.put(path, text);
        return changed;
    }
}
