package io.gitmesh.model.diff;

import static io.gitmesh.model.PolicyFixtures.backend;
import static io.gitmesh.model.PolicyFixtures.httpRule;
import static io.gitmesh.model.PolicyFixtures.match;
import static io.gitmesh.model.PolicyFixtures.meshConfig;
import static io.gitmesh.model.PolicyFixtures.routeGroup;
import static io.gitmesh.model.PolicyFixtures.split;
import static io.gitmesh.model.PolicyFixtures.target;
import static io.gitmesh.model.PolicyFixtures.tcpRoute;
import static io.gitmesh.model.PolicyFixtures.tcpRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.model.Mesh;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.schema.policy.PolicyDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a plan says for each kind of change to {@link Shop} (see {@link Planner}). */
class PlannerTest {
    private static final List<PolicyDocument> PERMISSIVE = Shop.plus(meshConfig("cluster.local", true));

    private final Planner planner = new Planner();

    static Stream<Arguments> changes() {
        return Stream.of(
                arguments("no change: an empty plan", Shop.POLICY, Shop.POLICY, Shop.CLUSTER, List.of()),
                arguments("no change in permissive mode: an empty plan", PERMISSIVE, PERMISSIVE, Shop.CLUSTER,
                        List.of()),
                arguments("split weights moved", Shop.POLICY, Shop.replace("web-split",
                        split("shop", "web-split", "web", backend("web-v1", "90"), backend("web-v2", "10"))),
                        Shop.CLUSTER, List.of(
                                "modified TrafficSplit shop/web:80",
                                "weight shop/web:80 * shop/web-v1 100 -> 90",
                                "weight shop/web:80 * shop/web-v2 0 -> 10",
                                "workloads buyer/buyer")),
                arguments("backend added to a split",
                        Shop.replace("web-split", split("shop", "web-split", "web", backend("web-v1", "1"))),
                        Shop.replace("web-split", split("shop", "web-split", "web", backend("web-v1", "1"),
                                backend("web-v2", "1"))),
                        Shop.CLUSTER, List.of(
                                "modified TrafficSplit shop/web:80",
                                "weight shop/web:80 * shop/web-v1 100 -> 50",
                                "weight shop/web:80 * shop/web-v2 0 -> 50",
                                "workloads buyer/buyer")),
                arguments("split added: the service itself gives its traffic away",
                        Shop.replace("web-split", null), Shop.POLICY, Shop.CLUSTER, List.of(
                                "added TrafficSplit shop/web:80",
                                "weight shop/web:80 * shop/web 100 -> 0",
                                "weight shop/web:80 * shop/web-v1 0 -> 100",
                                "workloads buyer/buyer")),
                arguments("access granted to a new source", Shop.POLICY, Shop.replace("web-v1",
                        target("web-v1", "shop/web-v1", List.of("buyer/buyer", "thief/thief"),
                                httpRule("routes", "read"))),
                        Shop.CLUSTER, List.of(
                                "modified Access buyer/buyer -> shop/web-v1:80",
                                "added Access thief/thief -> shop/web:80",
                                "added Access thief/thief -> shop/web-v1:80",
                                "granted thief/thief -> shop/web:80 shop/routes/read",
                                "granted thief/thief -> shop/web-v1:80 shop/routes/read",
                                "revoked buyer/buyer -> shop/web-v1:80 shop/routes/write",
                                "workloads buyer/buyer, shop/web-v1, thief/thief")),
                arguments("access revoked by removing a source", Shop.POLICY, Shop.replace("db",
                        target("db", "shop/db", List.of("shop/web-v1"), tcpRule("db-port"))),
                        Shop.CLUSTER, List.of(
                                "removed Access shop/web-v2 -> shop/db:5432",
                                "revoked shop/web-v2 -> shop/db:5432 tcp",
                                "workloads shop/db, shop/web-v2")),
                arguments("routes narrowed to one match", Shop.POLICY, narrowedTo("read"), Shop.CLUSTER, List.of(
                        "removed HTTPRouteMatch shop/routes/write",
                        "modified Access buyer/buyer -> shop/web:80",
                        "modified Access buyer/buyer -> shop/web-v1:80",
                        "modified Access buyer/buyer -> shop/web-v2:80",
                        "revoked buyer/buyer -> shop/web:80 shop/routes/write",
                        "revoked buyer/buyer -> shop/web-v1:80 shop/routes/write",
                        "revoked buyer/buyer -> shop/web-v2:80 shop/routes/write",
                        "workloads buyer/buyer, shop/web-v1, shop/web-v2")),
                arguments("every request narrowed to one match", l4Web(), narrowedTo("read"), Shop.CLUSTER, List.of(
                        "modified Access buyer/buyer -> shop/web:80",
                        "modified Access buyer/buyer -> shop/web-v1:80",
                        "revoked buyer/buyer -> shop/web:80 *",
                        "revoked buyer/buyer -> shop/web-v1:80 *",
                        "workloads buyer/buyer, shop/web-v1")),
                arguments("a match's path narrowed", Shop.POLICY, Shop.replace("routes", routeGroup("shop", "routes",
                        match("read", "/books/[0-9]+", "GET"), match("write", "/books", "POST"))), Shop.CLUSTER,
                        List.of(
                                "modified HTTPRouteMatch shop/routes/read",
                                "modified Access buyer/buyer -> shop/web:80",
                                "modified Access buyer/buyer -> shop/web-v1:80",
                                "modified Access buyer/buyer -> shop/web-v2:80",
                                "workloads buyer/buyer, shop/web-v1, shop/web-v2")),
                arguments("permissive mode turned on: any identity may use every port", Shop.POLICY, PERMISSIVE,
                        Shop.CLUSTER, List.of(
                                "modified MeshConfig traffic.permissive",
                                "removed HTTPRouteMatch shop/routes/read",
                                "removed HTTPRouteMatch shop/routes/write",
                                "added Access * -> shop/db:5432",
                                "added Access * -> shop/web:80",
                                "added Access * -> shop/web-v1:80",
                                "added Access * -> shop/web-v2:80",
                                "removed Access buyer/buyer -> shop/web:80",
                                "removed Access buyer/buyer -> shop/web-v1:80",
                                "removed Access buyer/buyer -> shop/web-v2:80",
                                "removed Access shop/web-v1 -> shop/db:5432",
                                "removed Access shop/web-v2 -> shop/db:5432",
                                "granted * -> shop/db:5432 tcp",
                                "granted * -> shop/web:80 *",
                                "granted * -> shop/web-v1:80 *",
                                "granted * -> shop/web-v2:80 *",
                                "workloads buyer/buyer, shop/db, shop/web-v1, shop/web-v2, thief/thief")),
                arguments("permissive mode turned off: any identity loses, TrafficTargets keep theirs", PERMISSIVE,
                        Shop.POLICY, Shop.CLUSTER, List.of(
                                "modified MeshConfig traffic.permissive",
                                "added HTTPRouteMatch shop/routes/read",
                                "added HTTPRouteMatch shop/routes/write",
                                "removed Access * -> shop/db:5432",
                                "removed Access * -> shop/web:80",
                                "removed Access * -> shop/web-v1:80",
                                "removed Access * -> shop/web-v2:80",
                                "added Access buyer/buyer -> shop/web:80",
                                "added Access buyer/buyer -> shop/web-v1:80",
                                "added Access buyer/buyer -> shop/web-v2:80",
                                "added Access shop/web-v1 -> shop/db:5432",
                                "added Access shop/web-v2 -> shop/db:5432",
                                "revoked * -> shop/db:5432 tcp",
                                "revoked * -> shop/web:80 *",
                                "revoked * -> shop/web-v1:80 *",
                                "revoked * -> shop/web-v2:80 *",
                                "workloads buyer/buyer, shop/db, shop/web-v1, shop/web-v2, thief/thief")),
                arguments("permissive mode turned on as a service goes: its callers lose it one by one",
                        Shop.POLICY, PERMISSIVE, Shop.cluster(false, true), List.of(
                                "modified MeshConfig traffic.permissive",
                                "removed Service shop/db",
                                "removed ServicePort shop/db:5432",
                                "removed HTTPRouteMatch shop/routes/read",
                                "removed HTTPRouteMatch shop/routes/write",
                                "added Access * -> shop/web:80",
                                "added Access * -> shop/web-v1:80",
                                "added Access * -> shop/web-v2:80",
                                "removed Access buyer/buyer -> shop/web:80",
                                "removed Access buyer/buyer -> shop/web-v1:80",
                                "removed Access buyer/buyer -> shop/web-v2:80",
                                "removed Access shop/web-v1 -> shop/db:5432",
                                "removed Access shop/web-v2 -> shop/db:5432",
                                "granted * -> shop/web:80 *",
                                "granted * -> shop/web-v1:80 *",
                                "granted * -> shop/web-v2:80 *",
                                "revoked shop/web-v1 -> shop/db:5432 tcp",
                                "revoked shop/web-v2 -> shop/db:5432 tcp",
                                "workloads buyer/buyer, shop/db, shop/web-v1, shop/web-v2, thief/thief")),
                arguments("service removed in permissive mode: revoked from any identity", PERMISSIVE, PERMISSIVE,
                        Shop.cluster(false, true), List.of(
                                "removed Service shop/db",
                                "removed ServicePort shop/db:5432",
                                "removed Access * -> shop/db:5432",
                                "revoked * -> shop/db:5432 tcp",
                                "workloads buyer/buyer, shop/db, shop/web-v1, shop/web-v2, thief/thief")),
                arguments("service removed", Shop.POLICY, Shop.POLICY, Shop.cluster(false, true), List.of(
                        "removed Service shop/db",
                        "removed ServicePort shop/db:5432",
                        "removed Access shop/web-v1 -> shop/db:5432",
                        "removed Access shop/web-v2 -> shop/db:5432",
                        "revoked shop/web-v1 -> shop/db:5432 tcp",
                        "revoked shop/web-v2 -> shop/db:5432 tcp",
                        "workloads shop/db, shop/web-v1, shop/web-v2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void plansEachKindOfChange(String name, List<PolicyDocument> before, List<PolicyDocument> after,
            ClusterState clusterAfter, List<String> expected) {
        Mesh was = Shop.compile(before, Shop.CLUSTER);
        Mesh is = Shop.compile(after, clusterAfter);

        Plan plan = planner.plan(was, is);
        Plan reverse = planner.plan(is, was);

        assertThat(describe(plan)).containsExactlyElementsOf(expected);
        assertThat(plan.isEmpty()).isEqualTo(expected.isEmpty());
        assertThat(reverse.granted()).as("the way back revokes what was granted").isEqualTo(plan.revoked());
        assertThat(reverse.workloads()).isEqualTo(plan.workloads());
    }

    @Test
    void aPermissiveToggleOnAMeshOfTwoThousandServicesPlansOneEntryPerPort() {
        LargeMesh large = LargeMesh.of(2_000);
        Mesh smi = large.compile(false);
        Mesh permissive = large.compile(true);
        int ports = 2_400;

        long fastest = Long.MAX_VALUE;
        Plan plan = null;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            plan = planner.plan(smi, permissive);
            fastest = Math.min(fastest, System.nanoTime() - start);
        }

        assertThat(plan.granted()).as("one entry per port, not 2,200 identities x 2,400 ports").hasSize(ports)
                .allSatisfy(e -> assertThat(e.source()).isEqualTo(AccessSource.ANY_IDENTITY));
        assertThat(plan.revoked()).isEmpty();
        assertThat(plan.workloads()).hasSize(smi.identities().size());
        assertThat(Duration.ofNanos(fastest)).as("the fastest of three plans").isLessThan(Duration.ofSeconds(1));
        assertThat(planner.plan(permissive, smi).revoked()).hasSize(ports);
    }

    @Test
    void aNewTrustDomainChangesEveryWorkload() {
        Mesh renamed = Shop.compile(Shop.plus(meshConfig("example.org", false)), Shop.CLUSTER);

        Plan plan = planner.plan(Shop.mesh(), renamed);

        assertThat(describe(plan)).containsExactly("modified MeshConfig trustDomain",
                "workloads buyer/buyer, shop/db, shop/web-v1, shop/web-v2, thief/thief");
    }

    @Test
    void anIdentityOnlyOneSideHasIsPlannedToo() {
        Mesh before = Shop.compile(Shop.POLICY, Shop.cluster(true, false));
        Mesh after = Shop.compile(Shop.replace("db", target("db", "shop/db", List.of("shop/web-v1", "shop/web-v2",
                "thief/thief"), tcpRule("db-port"))), Shop.CLUSTER);

        assertThat(describe(planner.plan(before, after))).containsExactly(
                "added Access thief/thief -> shop/db:5432",
                "granted thief/thief -> shop/db:5432 tcp",
                "workloads shop/db, thief/thief");
    }

    /**
     * The shop with an L4 TrafficTarget to web-v1: buyer may send it every request; web-v2 allows
     * only read.
     */
    private static List<PolicyDocument> l4Web() {
        List<PolicyDocument> documents = new ArrayList<>(narrowedTo("read"));
        documents.removeIf(d -> d.meta().name().equals("web-v1"));
        documents.add(tcpRoute("shop", "web-port", 80));
        documents.add(target("web-v1", "shop/web-v1", List.of("buyer/buyer"), tcpRule("web-port")));
        return documents;
    }

    /** The shop with the TrafficTargets to web-v1 and web-v2 allowing only these matches. */
    private static List<PolicyDocument> narrowedTo(String... matches) {
        List<PolicyDocument> documents = new ArrayList<>(Shop.replace("web-v1",
                target("web-v1", "shop/web-v1", List.of("buyer/buyer"), httpRule("routes", matches))));
        documents.removeIf(d -> d.meta().name().equals("web-v2"));
        documents.add(target("web-v2", "shop/web-v2", List.of("buyer/buyer"), httpRule("routes", matches)));
        return documents;
    }

    /** One line per change, access entry and weight, then the workloads. */
    static List<String> describe(Plan plan) {
        List<String> lines = new ArrayList<>();
        plan.changes().forEach(c -> lines.add(c.change().word() + " " + c.resource()));
        plan.granted().forEach(e -> lines.add("granted " + entry(e)));
        plan.revoked().forEach(e -> lines.add("revoked " + entry(e)));
        plan.weights().forEach(w -> lines.add("weight " + w.service() + " " + w.route() + " " + w.backend() + " "
                + w.before() + " -> " + w.after()));
        if (!plan.workloads().isEmpty()) {
            lines.add(plan.workloads().stream().map(Object::toString)
                    .collect(Collectors.joining(", ", "workloads ", "")));
        }
        return lines;
    }

    private static String entry(AccessEntry e) {
        return e.source() + " -> " + e.destination() + " " + e.route();
    }
}
