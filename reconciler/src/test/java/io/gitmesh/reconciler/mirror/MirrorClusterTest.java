package io.gitmesh.reconciler.mirror;

import static io.gitmesh.reconciler.mirror.MirrorFixtures.commit;
import static io.gitmesh.reconciler.mirror.MirrorFixtures.repo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.gitmesh.reconciler.kubetest.ApiCalls;
import io.gitmesh.reconciler.loop.AppliedSources;
import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.mirror.MirrorSettings.DriftMode;
import io.gitmesh.schema.Limits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mirror against fabric8's CRUD API server: SMI objects created, updated, pruned, and drift. A
 * fresh server for each test: the mock blocks its event loop when a watch closes while it sends
 * events, so cleaning up a shared server behind closing informers makes later requests time out.
 */
@EnableKubernetesMockClient(crud = true)
class MirrorClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    KubernetesClient client;
    KubernetesMockServer server;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ClusterMirror mirror;

    @BeforeEach
    void crds() {
        MirrorFixtures.createCrds(client);
    }

    @AfterEach
    void stop() {
        if (mirror != null) {
            mirror.close();
        }
    }

    @Test
    void createsTheRevisionsObjectsAsWrittenWithOwnershipAndSource() {
        start(MirrorSettings.DEFAULTS);

        apply(repo().with("policy/mesh.yaml", MirrorFixtures.MESH_CONFIG).applied('a'));

        GenericKubernetesResource routes = await().atMost(WAIT).until(() -> get(SmiKind.HTTP_ROUTE_GROUP, "routes"),
                r -> r != null);
        assertThat(routes.getApiVersion()).isEqualTo("specs.smi-spec.io/v1alpha4");
        assertThat(routes.getMetadata().getLabels()).containsEntry("team", "shop")
                .containsEntry("app.kubernetes.io/managed-by", "gitmesh");
        assertThat(routes.getMetadata().getAnnotations()).containsEntry("gitmesh.io/source-commit", commit('a'))
                .containsEntry("gitmesh.io/source-file", "policy/routes.yaml:1");
        assertThat(spec(routes)).isEqualTo(Map.of("matches", List.of(Map.of("name", "read", "pathRegex", "/items",
                "methods", List.of("GET")))));
        await().atMost(WAIT).until(() -> mirror.status().writtenCommit().equals(commit('a')));
        assertThat(get(SmiKind.TRAFFIC_TARGET, "web")).isNotNull();
        assertThat(get(SmiKind.TRAFFIC_SPLIT, "web")).isNotNull();
        assertThat(mirror.status().drift()).isEmpty();
        assertThat(mirror.status().notices()).isEmpty();
    }

    @Test
    void aNewRevisionUpdatesChangedObjectsAndPrunesRemovedOnesButNotForeignOnes() throws InterruptedException {
        start(MirrorSettings.DEFAULTS);
        apply(repo().applied('a'));
        await().atMost(WAIT).until(() -> mirror.status().writtenCommit().equals(commit('a')));
        kind(SmiKind.TRAFFIC_TARGET).inNamespace("shop").resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("access.smi-spec.io/v1alpha3").withKind("TrafficTarget").withNewMetadata()
                .withName("by-hand").withNamespace("shop").endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("destination", Map.of("kind", "ServiceAccount",
                        "name", "web")))).build()).create();

        drainRequests();
        apply(repo().without("policy/target.yaml")
                .with("policy/routes.yaml", MirrorFixtures.ROUTES.replace("methods: [GET]", "methods: [GET, HEAD]"))
                .applied('b'));

        await().atMost(WAIT).until(() -> mirror.status().writtenCommit().equals(commit('b')));
        assertThat(spec(get(SmiKind.HTTP_ROUTE_GROUP, "routes"))).extracting(s -> s.get("matches"))
                .isEqualTo(List.of(Map.of("name", "read", "pathRegex", "/items", "methods", List.of("GET", "HEAD"))));
        assertThat(get(SmiKind.HTTP_ROUTE_GROUP, "routes").getMetadata().getAnnotations())
                .containsEntry("gitmesh.io/source-commit", commit('b'));
        assertThat(get(SmiKind.TRAFFIC_TARGET, "web")).as("removed from git").isNull();
        assertThat(get(SmiKind.TRAFFIC_TARGET, "by-hand")).as("not gitmesh's").isNotNull();
        assertThat(meters.find("gitmesh.mirror.drift").counters()).isEmpty();
        assertThat(drainRequests()).filteredOn(r -> r.getMethod().equals("PATCH")).extracting(r -> r.getPath())
                .allSatisfy(path -> assertThat(path).endsWith("?fieldManager=gitmesh"))
                .anySatisfy(path -> assertThat(path).contains("/httproutegroups/routes"));
    }

    @Test
    void aRevisionWithoutSmiDocumentsPrunesNothingUnlessAllowed() {
        start(MirrorSettings.DEFAULTS);
        apply(repo().applied('a'));
        await().atMost(WAIT).until(() -> mirror.status().writtenCommit().equals(commit('a')));

        apply(MirrorFixtures.repo().without("policy/routes.yaml").without("policy/target.yaml")
                .without("policy/split.yaml").applied('b'));

        await().atMost(WAIT).until(() -> mirror.status().writtenCommit().equals(commit('b')));
        assertThat(get(SmiKind.HTTP_ROUTE_GROUP, "routes")).isNotNull();
        assertThat(mirror.status().notices()).singleElement().satisfies(n -> assertThat(n.message())
                .startsWith("refusing to prune all 3 SMI objects gitmesh manages"));

        mirror.close();
        start(MirrorSettings.DEFAULTS.withPruneWhenEmpty(true));
        apply(MirrorFixtures.repo().without("policy/routes.yaml").without("policy/target.yaml")
                .without("policy/split.yaml").applied('b'));
        await().atMost(WAIT).until(() -> get(SmiKind.HTTP_ROUTE_GROUP, "routes") == null);
        assertThat(get(SmiKind.TRAFFIC_SPLIT, "web")).isNull();
    }

    @Test
    void driftIsPutBackInCorrectMode() {
        start(MirrorSettings.DEFAULTS);
        apply(repo().applied('a'));
        await().atMost(WAIT).until(() -> mirror.status().writtenCommit().equals(commit('a')));

        kind(SmiKind.HTTP_ROUTE_GROUP).inNamespace("shop").withName("routes").edit(r -> {
            r.setAdditionalProperty("spec", Map.of("matches", List.of(Map.of("name", "read", "pathRegex", ".*"))));
            return r;
        });
        await().atMost(WAIT).until(() -> spec(get(SmiKind.HTTP_ROUTE_GROUP, "routes")).toString()
                .contains("pathRegex=/items"));

        kind(SmiKind.TRAFFIC_TARGET).inNamespace("shop").withName("web").edit(t -> {
            t.getMetadata().getLabels().remove("app.kubernetes.io/managed-by");
            return t;
        });
        await().atMost(WAIT).until(() -> get(SmiKind.TRAFFIC_TARGET, "web").getMetadata().getLabels()
                .containsKey("app.kubernetes.io/managed-by"));

        kind(SmiKind.TRAFFIC_SPLIT).inNamespace("shop").withName("web").delete();
        await().atMost(WAIT).until(() -> get(SmiKind.TRAFFIC_SPLIT, "web") != null);

        assertThat(driftCount("HTTPRouteGroup")).isEqualTo(1);
        assertThat(driftCount("TrafficTarget")).isEqualTo(1);
        assertThat(driftCount("TrafficSplit")).isEqualTo(1);
    }

    @Test
    void driftIsOnlyReportedInWarnMode() {
        start(MirrorSettings.DEFAULTS.withDrift(DriftMode.WARN));
        apply(repo().applied('a'));
        await().atMost(WAIT).until(() -> mirror.status().writtenCommit().equals(commit('a')));
        long checks = mirror.status().checks();

        kind(SmiKind.HTTP_ROUTE_GROUP).inNamespace("shop").withName("routes").edit(r -> {
            r.setAdditionalProperty("spec", Map.of("matches", List.of(Map.of("name", "read", "pathRegex", ".*"))));
            return r;
        });
        kind(SmiKind.TRAFFIC_SPLIT).inNamespace("shop").withName("web").delete();

        await().atMost(WAIT).until(() -> mirror.status().drift().size() == 2);
        assertThat(mirror.status().checks()).isGreaterThan(checks);
        assertThat(mirror.status().drift()).extracting(Drift::describe).containsExactly(
                "HTTPRouteGroup/shop/routes was changed in the cluster at /spec/matches/0/pathRegex, "
                        + "/spec/matches/0/methods; left as it is (drift mode warn)",
                "TrafficSplit/shop/web was deleted in the cluster; left as it is (drift mode warn)");
        assertThat(spec(get(SmiKind.HTTP_ROUTE_GROUP, "routes")).toString()).contains("pathRegex=.*");
        assertThat(get(SmiKind.TRAFFIC_SPLIT, "web")).isNull();
        assertThat(driftCount("HTTPRouteGroup")).isEqualTo(1);
        assertThat(driftCount("TrafficSplit")).isEqualTo(1);
    }

    @Test
    void trafficSplitWeightsSetInTheClusterAreLeftAloneAndNotDrift() {
        start(MirrorSettings.DEFAULTS);
        apply(repo().applied('a'));
        await().atMost(WAIT).until(() -> mirror.status().writtenCommit().equals(commit('a')));
        long checks = mirror.status().checks();

        kind(SmiKind.TRAFFIC_SPLIT).inNamespace("shop").withName("web").edit(s -> {
            s.setAdditionalProperty("spec", Map.of("service", "web", "backends", List.of(
                    Map.of("service", "web-v1", "weight", 40), Map.of("service", "web-v2", "weight", 60))));
            return s;
        });
        await().atMost(WAIT).until(() -> mirror.status().checks() > checks);
        apply(repo().with("policy/routes.yaml", MirrorFixtures.ROUTES.replace("team: shop", "team: store"))
                .applied('b'));
        await().atMost(WAIT).until(() -> mirror.status().writtenCommit().equals(commit('b')));

        assertThat(spec(get(SmiKind.TRAFFIC_SPLIT, "web")).get("backends")).isEqualTo(List.of(
                Map.of("service", "web-v1", "weight", 40), Map.of("service", "web-v2", "weight", 60)));
        assertThat(mirror.status().drift()).isEmpty();
        assertThat(meters.find("gitmesh.mirror.drift").counters()).isEmpty();
    }

    @Test
    void anInactiveMirrorWritesNothingAndCatchesUpWhenStarted() {
        mirror = new ClusterMirror(client, MirrorSettings.DEFAULTS, Limits.DEFAULT, meters);
        apply(repo().applied('a'));
        mirror.passed(new Outcome.Unchanged(repo().applied('a').revision().commit()), Optional.empty());

        assertThat(mirror.status()).isEqualTo(MirrorStatus.INITIAL);
        assertThat(kind(SmiKind.HTTP_ROUTE_GROUP).inAnyNamespace().list().getItems()).isEmpty();

        mirror.start();
        await().atMost(WAIT).until(() -> mirror.status().writtenCommit().equals(commit('a')));
        assertThat(get(SmiKind.HTTP_ROUTE_GROUP, "routes")).isNotNull();
    }

    @Test
    void serverSideApplyIsOneSwitchAway() throws InterruptedException {
        start(MirrorSettings.DEFAULTS.withWrites(MirrorSettings.WriteMode.SERVER_SIDE_APPLY));
        apply(repo().applied('a'));

        // fabric8's mock has no server-side apply and answers 404: what is checked is the request
        await().atMost(WAIT).until(() -> mirror.status().notices().size() == 3);
        assertThat(mirror.status().notices()).allSatisfy(n -> assertThat(n.message())
                .startsWith("create failed: HTTP 404"));
        List<RecordedRequest> applies = drainRequests().stream()
                .filter(r -> r.getMethod().equals("PATCH")).toList();
        assertThat(applies).extracting(r -> r.getPath().substring(0, r.getPath().indexOf('?'))).containsOnly(
                "/apis/specs.smi-spec.io/v1alpha4/namespaces/shop/httproutegroups/routes",
                "/apis/split.smi-spec.io/v1alpha4/namespaces/shop/trafficsplits/web",
                "/apis/access.smi-spec.io/v1alpha3/namespaces/shop/traffictargets/web");
        assertThat(applies).allSatisfy(r -> {
            assertThat(r.getPath()).endsWith("?fieldManager=gitmesh&force=true");
            assertThat(r.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
        });
    }

    @Test
    void makesOnlyTheApiCallsItsRoleAllows() throws InterruptedException {
        drainRequests();
        start(MirrorSettings.DEFAULTS);
        apply(repo().applied('a'));
        await().atMost(WAIT).until(() -> mirror.status().writtenCommit().equals(commit('a')));
        kind(SmiKind.TRAFFIC_SPLIT).inNamespace("shop").withName("web").delete();
        await().atMost(WAIT).until(() -> get(SmiKind.TRAFFIC_SPLIT, "web") != null);
        apply(repo().without("policy/target.yaml").with("policy/routes.yaml", MirrorFixtures.ROUTES.replace(
                "team: shop", "team: store")).applied('b'));
        await().atMost(WAIT).until(() -> mirror.status().writtenCommit().equals(commit('b')));
        mirror.close();

        List<String> calls = ApiCalls.drainCalls(server);
        List<String> kinds = List.of("specs.smi-spec.io httproutegroups", "specs.smi-spec.io tcproutes",
                "specs.smi-spec.io udproutes", "split.smi-spec.io trafficsplits", "access.smi-spec.io traffictargets");
        assertThat(calls).containsExactlyInAnyOrderElementsOf(Stream.concat(
                Stream.of("get apiextensions.k8s.io customresourcedefinitions",
                        // the test's own calls to change the cluster: a delete and the gets that wait
                        "get split.smi-spec.io trafficsplits shop", "get specs.smi-spec.io httproutegroups shop",
                        "create split.smi-spec.io trafficsplits shop", "create specs.smi-spec.io httproutegroups shop",
                        "create access.smi-spec.io traffictargets shop", "patch specs.smi-spec.io httproutegroups shop",
                        "patch split.smi-spec.io trafficsplits shop", "delete split.smi-spec.io trafficsplits shop",
                        "delete access.smi-spec.io traffictargets shop"),
                kinds.stream().flatMap(k -> Stream.of("list " + k, "watch " + k))).toList());
    }

    private List<RecordedRequest> drainRequests() throws InterruptedException {
        return ApiCalls.drain(server);
    }

    private void start(MirrorSettings settings) {
        mirror = new ClusterMirror(client, settings, Limits.DEFAULT, meters);
        mirror.start();
    }

    private void apply(AppliedSources sources) {
        mirror.passed(new Outcome.Applied(sources.revision().commit()), Optional.of(sources));
    }

    private double driftCount(String kind) {
        return meters.counter("gitmesh.mirror.drift", "kind", kind).count();
    }

    private GenericKubernetesResource get(SmiKind kind, String name) {
        return kind(kind).inNamespace("shop").withName(name).get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> kind(SmiKind kind) {
        return client.genericKubernetesResources(MirrorCodec.context(kind,
                kind == SmiKind.TRAFFIC_TARGET ? "v1alpha3" : "v1alpha4"));
    }
}
