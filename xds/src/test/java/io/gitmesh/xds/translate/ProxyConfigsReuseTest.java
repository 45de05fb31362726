package io.gitmesh.xds.translate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.Values;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.compile.MeshCompilation;
import io.gitmesh.model.compile.MeshCompiler;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.FileRead;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.override.OverrideValidator;
import io.gitmesh.xds.override.ValidOverride;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ProxyConfigs} given the previous revision's result: groups whose inputs did not change keep
 * their config instance, the others are translated again, and the result always equals a build from
 * scratch, resource for resource and version for version.
 */
class ProxyConfigsReuseTest {
    private static final String SPLIT_70_30 = ShopPolicies.API_SPLIT_WITH_ZERO_WEIGHT;
    private static final String SPLIT_50_50 = SPLIT_70_30.replace("weight: 70", "weight: 50")
            .replace("weight: 30", "weight: 50");
    private static final String API_V2_MOVED = Shop.API.replace("10.1.1.2", "10.1.1.9");
    private static final String CLUSTER_TIMEOUT = """
            apiVersion: gitmesh.io/v1alpha1
            kind: EnvoyOverride
            metadata: {name: api-timeout, namespace: shop}
            spec:
              selector: {serviceAccount: web}
              patches:
              - target: {type: Cluster, name: "shop/api-v1:8080"}
                operation: merge
                value: {connect_timeout: %s}
            """;

    /** Revisions of one repository: each is a set of files, the mesh is compiled with its overrides. */
    private record Revision(String name, List<String> files) {
        Revision(String name, String... files) {
            this(name, List.of(files));
        }

        Compiled compile() {
            List<SourceFile> sources = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                sources.add(new SourceFile("file" + i + ".yaml", files.get(i).getBytes(UTF_8)));
            }
            PolicyRead read = new PolicyReader().read(sources);
            assertThat(read.diagnostics()).as(name).filteredOn(Diagnostic::isError).isEmpty();
            ClusterState cluster = ClusterState.of(read.clusterObjects());
            List<ValidOverride> overrides = new OverrideValidator().validate(read.policies().envoyOverrides()).valid();
            return new Compiled(new MeshCompiler().compile(read.policies(), cluster), cluster, overrides);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private record Compiled(Mesh mesh, ClusterState cluster, List<ValidOverride> overrides) {
        ProxyConfigs.Result build(ProxyConfigs.Result previous) {
            return new ProxyConfigs().build(mesh, cluster, overrides, TranslateOptions.defaults(), previous);
        }

        ProxyConfigs.Result fromScratch() {
            return new ProxyConfigs().build(mesh, cluster, overrides, TranslateOptions.defaults());
        }
    }

    private static final Revision BASE = new Revision("base", Shop.CLIENTS, Shop.API, Shop.DB,
            ShopPolicies.WEB_TO_API_VERSIONS, ShopPolicies.DB_ACCESS, SPLIT_70_30);
    private static final List<Revision> REVISIONS = List.of(
            BASE,
            new Revision("split moved", Shop.CLIENTS, Shop.API, Shop.DB, ShopPolicies.WEB_TO_API_VERSIONS,
                    ShopPolicies.DB_ACCESS, SPLIT_50_50),
            new Revision("db access revoked", Shop.CLIENTS, Shop.API, Shop.DB, ShopPolicies.WEB_TO_API_VERSIONS,
                    SPLIT_70_30),
            new Revision("an api-v2 pod moved", Shop.CLIENTS, API_V2_MOVED, Shop.DB,
                    ShopPolicies.WEB_TO_API_VERSIONS, ShopPolicies.DB_ACCESS, SPLIT_70_30),
            new Revision("route-level access", Shop.CLIENTS, Shop.API, Shop.DB, ShopPolicies.API_ROUTES,
                    ShopPolicies.DB_SPLIT),
            new Revision("greeter added", Shop.CLIENTS, Shop.API, Shop.DB, Shop.GREETER,
                    ShopPolicies.WEB_TO_API_VERSIONS, ShopPolicies.DB_ACCESS, SPLIT_70_30, ShopPolicies.GREETER),
            new Revision("override 5s", Shop.CLIENTS, Shop.API, Shop.DB, ShopPolicies.WEB_TO_API_VERSIONS,
                    ShopPolicies.DB_ACCESS, SPLIT_70_30, CLUSTER_TIMEOUT.formatted("5s")),
            new Revision("override 7s", Shop.CLIENTS, Shop.API, Shop.DB, ShopPolicies.WEB_TO_API_VERSIONS,
                    ShopPolicies.DB_ACCESS, SPLIT_70_30, CLUSTER_TIMEOUT.formatted("7s")),
            new Revision("override 7s, split moved", Shop.CLIENTS, Shop.API, Shop.DB,
                    ShopPolicies.WEB_TO_API_VERSIONS, ShopPolicies.DB_ACCESS, SPLIT_50_50,
                    CLUSTER_TIMEOUT.formatted("7s")));

    @Test
    void aSplitChangeRetranslatesOnlyTheGroupsOfItsCallers() {
        ProxyConfigs.Result before = BASE.compile().fromScratch();
        ProxyConfigs.Result after = REVISIONS.get(1).compile().build(before);

        assertThat(changedGroups(before, after)).as("only web may call api").containsExactly(
                "shop/web/envoy", "shop/web/grpc");
        assertThat(reusedGroups(before, after)).as("every other group keeps its config instance")
                .containsExactlyElementsOf(after.configs().keySet().stream().map(SnapshotGroup::id)
                        .filter(id -> !id.startsWith("shop/web/")).toList());
        assertThat(translatedGroups(before, after)).as("translated again: the callers, and the workloads of api "
                + "(the split is part of the Service they serve, though their config does not use it)")
                .containsExactly("shop/api-v1/envoy/8080", "shop/api-v1/grpc/8080", "shop/api-v2/envoy/8080",
                        "shop/api-v2/grpc/8080", "shop/web/envoy", "shop/web/grpc");
    }

    @Test
    void anUnrelatedRevisionReusesEveryConfig() {
        ProxyConfigs.Result before = BASE.compile().fromScratch();
        Revision reordered = new Revision("the same files in another order", Shop.DB, SPLIT_70_30, Shop.CLIENTS,
                ShopPolicies.DB_ACCESS, Shop.API, ShopPolicies.WEB_TO_API_VERSIONS);

        ProxyConfigs.Result after = reordered.compile().build(before);

        assertThat(reusedGroups(before, after)).hasSize(before.configs().size()).hasSize(after.configs().size());
    }

    @Test
    void theSameMeshAndClusterStateGiveThePreviousResultItself() {
        Compiled compiled = BASE.compile();
        ProxyConfigs.Result first = compiled.build(ProxyConfigs.Result.empty());
        ProxyConfigs.Result webOnly = new ProxyConfigs().build(compiled.mesh(), compiled.cluster(),
                compiled.overrides(), TranslateOptions.defaults(), group -> group.serviceAccount().equals("web"));

        assertThat(compiled.build(first)).isSameAs(first);
        assertThat(compiled.build(webOnly).configs()).as("a result of some groups is never taken for all")
                .hasSameSizeAs(first.configs()).hasSizeGreaterThan(webOnly.configs().size());
    }

    @Test
    void aChangedOverrideChangesOnlyTheGroupItSelectsAndTranslatesNothingAgain() {
        ProxyConfigs.Result fiveSeconds = REVISIONS.get(6).compile().fromScratch();
        ProxyConfigs.Result sevenSeconds = REVISIONS.get(7).compile().build(fiveSeconds);

        assertThat(changedGroups(fiveSeconds, sevenSeconds)).containsExactly("shop/web/envoy");
        assertThat(reusedGroups(fiveSeconds, sevenSeconds)).doesNotContain("shop/web/envoy")
                .hasSize(sevenSeconds.configs().size() - 1);
        assertThat(translatedGroups(fiveSeconds, sevenSeconds)).as("patched again, not translated").isEmpty();
    }

    static Stream<Arguments> pairsOfRevisions() {
        return REVISIONS.stream().flatMap(from -> REVISIONS.stream()
                .map(to -> Arguments.of(from + " → " + to, from, to)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairsOfRevisions")
    void buildingOnAnyPreviousRevisionEqualsBuildingFromScratch(String name, Revision from, Revision to) {
        Compiled next = to.compile();
        ProxyConfigs.Result incremental = next.build(from.compile().fromScratch());

        assertSameOutput(incremental, next.fromScratch());
    }

    @Test
    void aSequenceOfRevisionsBuiltEachOnTheLastEqualsEachBuiltFromScratch() {
        List<Revision> sequence = new ArrayList<>(REVISIONS);
        sequence.addAll(REVISIONS.reversed());
        sequence.add(BASE);
        ProxyConfigs.Result last = ProxyConfigs.Result.empty();
        for (Revision revision : sequence) {
            Compiled compiled = revision.compile();
            last = compiled.build(last);
            assertSameOutput(last, compiled.fromScratch());
        }
    }

    /**
     * As {@code gitmesh run} builds them: unchanged files keep their parsed documents, the cluster state
     * its instance while its objects do not change, and each mesh is compiled from the last, so that the
     * views a revision does not touch are the very instances of the mesh before.
     */
    @Test
    void meshesCompiledEachFromTheLastGiveWhatBuildingFromScratchGives() {
        Revision dbForApi = new Revision("db access for api instead of web", Shop.CLIENTS, Shop.API, Shop.DB,
                ShopPolicies.WEB_TO_API_VERSIONS, ShopPolicies.DB_ACCESS.replace("name: web,", "name: api,"),
                SPLIT_70_30);
        Revision failingOverride = new Revision("an override Envoy would reject", Shop.CLIENTS, Shop.API, Shop.DB,
                ShopPolicies.WEB_TO_API_VERSIONS, ShopPolicies.DB_ACCESS, SPLIT_70_30, CLUSTER_TIMEOUT.formatted("0s"));
        List<Revision> sequence = new ArrayList<>(List.of(BASE, dbForApi, BASE, failingOverride, dbForApi,
                failingOverride, BASE));
        sequence.addAll(REVISIONS);
        sequence.addAll(REVISIONS.reversed());
        IncrementalRevisions revisions = new IncrementalRevisions();
        ProxyConfigs.Result last = ProxyConfigs.Result.empty();
        int scopesTakenOver = 0;
        for (Revision revision : sequence) {
            Compiled compiled = revisions.compile(revision);
            ProxyConfigs.Result next = compiled.build(last);
            assertSameOutput(next, revision.compile().fromScratch());
            assertReferrersAsTheScopesSay(next, compiled.mesh());
            ProxyConfigs.Result before = last;
            scopesTakenOver += (int) next.groups().entrySet().stream()
                    .filter(e -> before.groups().containsKey(e.getKey())
                            && before.groups().get(e.getKey()).scope() == e.getValue().scope())
                    .count();
            last = next;
        }
        assertThat(scopesTakenOver).as("groups whose scope was not built again").isPositive();
        assertThat(revisions.compile(failingOverride).build(last).diagnostics()).as("the override's error")
                .singleElement().satisfies(d -> assertThat(d.message()).contains("would be rejected by Envoy"));
    }

    /** Parses each file once, keeps the cluster state while its objects stay, compiles each mesh from the last. */
    private static final class IncrementalRevisions {
        private final PolicyReader reader = new PolicyReader();
        private final Map<String, FileRead> reads = new HashMap<>();
        private List<KubeObject> objects = List.of();
        private ClusterState cluster;
        private MeshCompilation compilation;

        Compiled compile(Revision revision) {
            List<FileRead> files = new ArrayList<>();
            for (int i = 0; i < revision.files().size(); i++) {
                String path = "file" + i + ".yaml";
                String text = revision.files().get(i);
                files.add(reads.computeIfAbsent(path + "\n" + text,
                        key -> reader.readFile(new SourceFile(path, text.getBytes(UTF_8)))));
            }
            PolicyRead read = reader.combine(files);
            if (cluster == null || !Values.sameInstances(objects, read.clusterObjects())) {
                cluster = ClusterState.of(read.clusterObjects());
                objects = read.clusterObjects();
            }
            MeshCompiler compiler = new MeshCompiler();
            compilation = compilation == null ? compiler.compilation(read.policies(), cluster)
                    : compiler.compilation(read.policies(), cluster, compilation);
            List<ValidOverride> overrides = new OverrideValidator().validate(read.policies().envoyOverrides()).valid();
            return new Compiled(compilation.mesh(), cluster, overrides);
        }
    }

    /**
     * The result's index of which identities' scopes name each Service (what tells a revision which
     * groups a changed Service can change) is the one its scopes give.
     */
    private static void assertReferrersAsTheScopesSay(ProxyConfigs.Result result, Mesh mesh) {
        Map<ServiceRef, Set<Identity>> named = new HashMap<>();
        result.groups().values().forEach(t -> t.scope().namedServices()
                .forEach(service -> named.computeIfAbsent(service, s -> new HashSet<>()).add(t.scope().identity())));
        mesh.services().keySet().forEach(service -> assertThat(result.referrersOf(service)).as(service.toString())
                .containsExactlyInAnyOrderElementsOf(named.getOrDefault(service, Set.of())));
    }

    /** The same groups, configs of the same versions holding byte-identical resources, the same diagnostics. */
    private static void assertSameOutput(ProxyConfigs.Result actual, ProxyConfigs.Result expected) {
        assertThat(actual.configs().keySet()).containsExactlyElementsOf(expected.configs().keySet());
        expected.configs().forEach((group, config) -> {
            ProxyConfig built = actual.configs().get(group);
            assertThat(built.version()).as(group.id()).isEqualTo(config.version());
            assertThat(serialized(built)).as(group.id()).isEqualTo(serialized(config));
        });
        assertThat(actual.diagnostics()).isEqualTo(expected.diagnostics());
    }

    private static List<String> changedGroups(ProxyConfigs.Result before, ProxyConfigs.Result after) {
        return after.configs().entrySet().stream()
                .filter(e -> !e.getValue().equals(before.configs().get(e.getKey())))
                .map(e -> e.getKey().id())
                .toList();
    }

    private static List<String> reusedGroups(ProxyConfigs.Result before, ProxyConfigs.Result after) {
        return after.configs().entrySet().stream()
                .filter(e -> e.getValue() == before.configs().get(e.getKey()))
                .map(e -> e.getKey().id())
                .toList();
    }

    /** The groups whose inputs changed, so that they were translated again. */
    private static List<String> translatedGroups(ProxyConfigs.Result before, ProxyConfigs.Result after) {
        return after.groups().entrySet().stream()
                .filter(e -> before.groups().get(e.getKey()) == null
                        || !e.getValue().scope().equals(before.groups().get(e.getKey()).scope()))
                .map(e -> e.getKey().id())
                .sorted()
                .toList();
    }

    /** Every resource's bytes, by type and name. */
    private static Map<String, ByteString> serialized(ProxyConfig config) {
        Map<String, ByteString> resources = new TreeMap<>();
        for (ResourceType type : ResourceType.values()) {
            config.resources(type).resources().forEach((name, resource) ->
                    resources.put(type + " " + name, ((Message) resource.resource()).toByteString()));
        }
        return resources;
    }
}
