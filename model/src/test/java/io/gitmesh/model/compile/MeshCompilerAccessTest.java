package io.gitmesh.model.compile;

import static io.gitmesh.model.ClusterFixtures.deployment;
import static io.gitmesh.model.ClusterFixtures.id;
import static io.gitmesh.model.ClusterFixtures.port;
import static io.gitmesh.model.ClusterFixtures.service;
import static io.gitmesh.model.ClusterFixtures.svc;
import static io.gitmesh.model.ClusterFixtures.udpPort;
import static io.gitmesh.model.PolicyFixtures.backend;
import static io.gitmesh.model.PolicyFixtures.httpRule;
import static io.gitmesh.model.PolicyFixtures.match;
import static io.gitmesh.model.PolicyFixtures.meshConfig;
import static io.gitmesh.model.PolicyFixtures.meta;
import static io.gitmesh.model.PolicyFixtures.policy;
import static io.gitmesh.model.PolicyFixtures.routeGroup;
import static io.gitmesh.model.PolicyFixtures.sa;
import static io.gitmesh.model.PolicyFixtures.split;
import static io.gitmesh.model.PolicyFixtures.target;
import static io.gitmesh.model.PolicyFixtures.tcpRoute;
import static io.gitmesh.model.PolicyFixtures.tcpRule;
import static io.gitmesh.model.PolicyFixtures.udpRoute;
import static io.gitmesh.model.PolicyFixtures.udpRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.model.Admission;
import io.gitmesh.model.Describe;
import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.OutboundPort;
import io.gitmesh.model.Permission;
import io.gitmesh.model.TargetPort;
import io.gitmesh.model.TrafficMode;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.cluster.ServicePort;
import io.gitmesh.model.cluster.Transport;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.IdentityRef;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.RuleRef;
import io.gitmesh.schema.policy.TrafficTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may reach which port with what, in SMI and permissive mode (see {@link MeshCompiler}). */
class MeshCompilerAccessTest {
    /**
     * shop/web (SA web) serves HTTP on 80, HTTP on 8080 (pods listen on 18080), TCP on 7000, UDP on
     * 53. shop/client and shop/other are callers.
     */
    static final ClusterState CLUSTER = ClusterState.builder()
            .service(service("shop", "web", Map.of("app", "web"), port("http", 80),
                    new ServicePort("http-alt", 8080, new TargetPort.Numbered(18080), Transport.TCP, ""),
                    port("tcp-admin", 7000), udpPort("dns", 53)))
            .workload(deployment("shop", "web", "web", Map.of("app", "web")))
            .workload(deployment("shop", "client", "client", Map.of("app", "client")))
            .workload(deployment("shop", "other", "other", Map.of("app", "other")))
            .build();

    static final HttpRouteGroup ROUTES = routeGroup("shop", "routes",
            match("index", "/", "GET"), match("order", "/order", "POST"));

    static final String CLIENT = "shop/client";

    static Stream<Arguments> cases() {
        return Stream.of(
                row("no policy: denied", List.of(), CLIENT, 80, "deny"),
                row("HTTPRouteGroup rule with a match", List.of(ROUTES,
                        target("t", "shop/web", List.of(CLIENT), httpRule("routes", "index"))), CLIENT, 80,
                        "routes[index]"),
                row("HTTPRouteGroup rule without matches: the whole group", List.of(ROUTES,
                        target("t", "shop/web", List.of(CLIENT), httpRule("routes"))), CLIENT, 80,
                        "routes[index, order]"),
                row("HTTP rules hold on every HTTP port", List.of(ROUTES,
                        target("t", "shop/web", List.of(CLIENT), httpRule("routes"))), CLIENT, 8080,
                        "routes[index, order]"),
                row("HTTPRouteGroup does not open a TCP port", List.of(ROUTES,
                        target("t", "shop/web", List.of(CLIENT), httpRule("routes"))), CLIENT, 7000, "deny"),
                row("a source not listed is denied", List.of(ROUTES,
                        target("t", "shop/web", List.of(CLIENT), httpRule("routes"))), "shop/other", 80, "deny"),
                row("TCPRoute opens the TCP port it names", List.of(tcpRoute("shop", "admin", 7000),
                        target("t", "shop/web", List.of(CLIENT), tcpRule("admin"))), CLIENT, 7000, "all"),
                row("TCPRoute without ports opens every TCP port", List.of(tcpRoute("shop", "any"),
                        target("t", "shop/web", List.of(CLIENT), tcpRule("any"))), CLIENT, 7000, "all"),
                row("TCPRoute alone on an HTTP port: every request (L4)", List.of(tcpRoute("shop", "any"),
                        target("t", "shop/web", List.of(CLIENT), tcpRule("any"))), CLIENT, 80, "all"),
                row("TCPRoute naming another port leaves the HTTP port shut", List.of(tcpRoute("shop", "admin", 7000),
                        target("t", "shop/web", List.of(CLIENT), tcpRule("admin"))), CLIENT, 80, "deny"),
                row("TCPRoute + HTTPRouteGroup: the routes, on the named port", List.of(ROUTES,
                        tcpRoute("shop", "p80", 80),
                        target("t", "shop/web", List.of(CLIENT), tcpRule("p80"), httpRule("routes", "index"))),
                        CLIENT, 80, "routes[index]"),
                row("TCPRoute + HTTPRouteGroup: not on other ports", List.of(ROUTES, tcpRoute("shop", "p80", 80),
                        target("t", "shop/web", List.of(CLIENT), tcpRule("p80"), httpRule("routes", "index"))),
                        CLIENT, 8080, "deny"),
                row("a route port may name the pod port", List.of(tcpRoute("shop", "pod", 18080),
                        target("t", "shop/web", List.of(CLIENT), tcpRule("pod"))), CLIENT, 8080, "all"),
                row("a route port may name the Service port", List.of(tcpRoute("shop", "svc", 8080),
                        target("t", "shop/web", List.of(CLIENT), tcpRule("svc"))), CLIENT, 8080, "all"),
                row("UDPRoute opens the UDP port", List.of(udpRoute("shop", "dns", 53),
                        target("t", "shop/web", List.of(CLIENT), udpRule("dns"))), CLIENT, 53, "all"),
                row("TCPRoute does not open a UDP port", List.of(tcpRoute("shop", "any"),
                        target("t", "shop/web", List.of(CLIENT), tcpRule("any"))), CLIENT, 53, "deny"),
                row("UDPRoute does not open a TCP port", List.of(udpRoute("shop", "any"),
                        target("t", "shop/web", List.of(CLIENT), udpRule("any"))), CLIENT, 7000, "deny"),
                row("two TrafficTargets add up", List.of(ROUTES,
                        target("t1", "shop/web", List.of(CLIENT), httpRule("routes", "index")),
                        target("t2", "shop/web", List.of(CLIENT), httpRule("routes", "order"))), CLIENT, 80,
                        "routes[index, order]"),
                row("routes and an L4 rule add up to everything", List.of(ROUTES, tcpRoute("shop", "any"),
                        target("t1", "shop/web", List.of(CLIENT), httpRule("routes", "index")),
                        target("t2", "shop/web", List.of(CLIENT), tcpRule("any"))), CLIENT, 80, "all"),
                row("v1alpha2 destination port limits the rules", List.of(ROUTES,
                        targetWithPort(9999, httpRule("routes"))), CLIENT, 80, "deny"),
                row("v1alpha2 destination port names the port", List.of(ROUTES,
                        targetWithPort(80, httpRule("routes"))), CLIENT, 80, "routes[index, order]"),
                row("TrafficTarget outside its destination's namespace is ignored", List.of(ROUTES,
                        new TrafficTarget(meta("elsewhere", "t"), sa("shop/web"), List.of(sa(CLIENT)),
                                List.of(httpRule("routes")))), CLIENT, 80, "deny"),
                row("a source that is not a ServiceAccount is ignored", List.of(ROUTES,
                        new TrafficTarget(meta("shop", "t"), sa("shop/web"),
                                List.of(new IdentityRef("Group", "client", "shop", null, "")),
                                List.of(httpRule("routes")))), CLIENT, 80, "deny"),
                row("missing HTTPRouteGroup allows nothing", List.of(
                        target("t", "shop/web", List.of(CLIENT), httpRule("missing"))), CLIENT, 80, "deny"),
                row("missing match name allows nothing", List.of(ROUTES,
                        target("t", "shop/web", List.of(CLIENT), httpRule("routes", "nope"))), CLIENT, 80, "deny"),
                row("missing TCPRoute does not widen an HTTP rule to every port", List.of(ROUTES,
                        target("t", "shop/web", List.of(CLIENT), tcpRule("missing"), httpRule("routes"))),
                        CLIENT, 80, "deny"),
                row("destination that backs no Service: nothing to reach", List.of(ROUTES,
                        target("t", "shop/ghost", List.of(CLIENT), httpRule("routes"))), CLIENT, 80, "deny"),
                row("permissive: everyone, everything", List.of(meshConfig("cluster.local", true)),
                        "shop/other", 7000, "all"),
                row("permissive: UDP too", List.of(meshConfig("cluster.local", true)), "shop/other", 53, "all"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outboundPermission(String name, PolicySet policy, Identity source, int port, String expected) {
        Mesh mesh = new MeshCompiler().compile(policy, CLUSTER);

        assertThat(Describe.permission(mesh.permission(source, svc("shop", "web"), port))).isEqualTo(expected);
        assertThat(mesh.mayReach(source, svc("shop", "web"), port)).isEqualTo(!expected.equals("deny"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inboundAdmissionAgreesWithOutbound(String name, PolicySet policy, Identity source, int port,
            String expected) {
        Mesh mesh = new MeshCompiler().compile(policy, CLUSTER);

        Optional<Permission> admitted = mesh.inbound(id("shop", "web")).port(svc("shop", "web"), port)
                .orElseThrow().admission().permission(source);
        assertThat(Describe.permission(admitted)).isEqualTo(expected);
    }

    @Test
    void aSidecarGetsOnlyThePortsItsIdentityMayReach() {
        PolicySet policy = policy(ROUTES, tcpRoute("shop", "admin", 7000),
                target("t", "shop/web", List.of(CLIENT), tcpRule("admin")));

        Mesh mesh = new MeshCompiler().compile(policy, CLUSTER);

        assertThat(mesh.mode()).isEqualTo(TrafficMode.SMI);
        assertThat(mesh.outbound(id("shop", "client")).ports()).extracting(OutboundPort::service, OutboundPort::number)
                .containsExactly(tuple(svc("shop", "web"), 7000));
        assertThat(mesh.outbound(id("shop", "other")).isEmpty()).isTrue();
        assertThat(mesh.outbound(id("shop", "web")).isEmpty()).isTrue();
    }

    @Test
    void theInboundViewListsEveryServedPortAndWhomItAdmits() {
        PolicySet policy = policy(tcpRoute("shop", "admin", 7000),
                target("t", "shop/web", List.of(CLIENT, "shop/other"), tcpRule("admin")));

        Mesh mesh = new MeshCompiler().compile(policy, CLUSTER);

        var inbound = mesh.inbound(id("shop", "web"));
        assertThat(inbound.ports()).extracting(p -> p.number()).containsExactly(53, 80, 7000, 8080);
        assertThat(inbound.port(svc("shop", "web"), 7000).orElseThrow().admission()).isEqualTo(new Admission.Sources(
                new TreeMap<>(Map.of(id("shop", "client"), Permission.ALL, id("shop", "other"),
                        Permission.ALL))));
        assertThat(inbound.port(svc("shop", "web"), 8080).orElseThrow().targetPorts()).containsExactly(18080);
        assertThat(inbound.port(svc("shop", "web"), 80).orElseThrow().admission().permission(id("shop", "client")))
                .isEmpty();
        assertThat(mesh.inbound(id("shop", "client")).ports()).as("client serves nothing").isEmpty();
    }

    @Test
    void permissiveModeAdmitsAnySourceAndOpensEverythingEvenToUnknownIdentities() {
        Mesh mesh = new MeshCompiler().compile(policy(meshConfig("cluster.local", true)), CLUSTER);

        assertThat(mesh.mode()).isEqualTo(TrafficMode.PERMISSIVE);
        assertThat(mesh.inbound(id("shop", "web")).ports()).allSatisfy(
                p -> assertThat(p.admission()).isEqualTo(Admission.ANY_SOURCE));
        assertThat(mesh.outbound(id("shop", "client")).ports()).hasSize(4);
        assertThat(mesh.outboundViews()).as("not identities times ports").isEmpty();
        assertThat(mesh.mayReach(id("new", "pod"), svc("shop", "web"), 80)).isTrue();
    }

    @Test
    void anUnknownIdentityReachesNothingInSmiMode() {
        Mesh mesh = new MeshCompiler().compile(PolicySet.EMPTY, CLUSTER);

        assertThat(mesh.outbound(id("new", "pod")).isEmpty()).isTrue();
        assertThat(mesh.inbound(id("new", "pod")).ports()).isEmpty();
    }

    @Test
    void identitiesAndTrustDomainComeFromTheClusterAndTheMeshConfig() {
        Mesh defaults = new MeshCompiler().compile(PolicySet.EMPTY, CLUSTER);
        Mesh custom = new MeshCompiler().compile(policy(meshConfig("example.org", false)), CLUSTER);

        assertThat(defaults.identities()).containsExactly(id("shop", "client"), id("shop", "other"), id("shop", "web"));
        assertThat(defaults.spiffeId(id("shop", "web")).uri()).isEqualTo("spiffe://cluster.local/ns/shop/sa/web");
        assertThat(custom.spiffeId(id("shop", "web")).uri()).isEqualTo("spiffe://example.org/ns/shop/sa/web");
        assertThat(defaults.outboundViews().keySet()).containsExactlyElementsOf(defaults.identities());
    }

    @Test
    void danglingReferencesAgainstAnEmptyClusterCompileToAnEmptyMesh() {
        PolicySet policy = policy(ROUTES,
                target("t", "shop/web", List.of(CLIENT), httpRule("routes"), tcpRule("none")),
                split("shop", "s", "web",
                        backend("web-v1", "1")));

        Mesh mesh = new MeshCompiler().compile(policy, ClusterState.EMPTY);

        assertThat(mesh.services()).isEmpty();
        assertThat(mesh.identities()).isEmpty();
        assertThat(mesh.mayReach(id("shop", "client"), svc("shop", "web"), 80)).isFalse();
    }

    private static Arguments row(String name, List<PolicyDocument> documents, String source, int port,
            String expected) {
        String[] parts = source.split("/");
        return arguments(name, new PolicySet(documents), id(parts[0], parts[1]), port, expected);
    }

    private static TrafficTarget targetWithPort(int port, RuleRef rule) {
        IdentityRef destination = new IdentityRef("ServiceAccount", "web", "shop", port, "");
        return new TrafficTarget(meta("shop", "t"), destination, List.of(sa(CLIENT)), List.of(rule));
    }
}
