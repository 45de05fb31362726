package io.gitmesh.xds.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.model.Identity;
import io.gitmesh.model.RouteMatch;
import io.gitmesh.model.ServiceRef;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceNamesTest {
    private static final ServiceRef BOOKSTORE = new ServiceRef("bookstore", "bookstore-v1");

    static Stream<Arguments> names() {
        return Stream.of(
                arguments("outbound route configuration", ResourceNames.outboundRouteConfiguration(14001),
                        "outbound:14001"),
                arguments("outbound filter chain", ResourceNames.outboundFilterChain(BOOKSTORE, 14001),
                        "outbound:bookstore/bookstore-v1:14001"),
                arguments("outbound port filter chain", ResourceNames.outboundPortFilterChain(14001), "outbound:*:14001"),
                arguments("inbound filter chain", ResourceNames.inboundFilterChain(BOOKSTORE, 80, 14001),
                        "inbound:bookstore/bookstore-v1:80->14001"),
                arguments("inbound route configuration", ResourceNames.inboundRouteConfiguration(14001), "inbound:14001"),
                arguments("virtual host", ResourceNames.virtualHost(BOOKSTORE, 14001), "bookstore/bookstore-v1:14001"),
                arguments("route", ResourceNames.route(new RouteMatch("bookstore/routes", "buy", ".*", List.of(),
                        List.of())), "bookstore/routes/buy"),
                arguments("cluster", ResourceNames.cluster(BOOKSTORE, 14001), "bookstore/bookstore-v1:14001"),
                arguments("local cluster", ResourceNames.localCluster(14001), "local:14001"),
                arguments("rbac policy", ResourceNames.rbacPolicy(new Identity("bookbuyer", "bookbuyer")),
                        "bookbuyer/bookbuyer"),
                arguments("workload certificate", ResourceNames.workloadCertificate(new Identity("bookstore",
                        "bookstore")), "certificate:bookstore/bookstore"),
                arguments("trust bundle", ResourceNames.trustBundle("cluster.local"), "trust-bundle:cluster.local"),
                arguments("host name", ResourceNames.hostName(BOOKSTORE), "bookstore-v1.bookstore.svc.cluster.local"),
                arguments("gRPC client listener", ResourceNames.grpcClientListener(BOOKSTORE, 14001),
                        "bookstore-v1.bookstore.svc.cluster.local:14001"),
                arguments("gRPC route configuration", ResourceNames.grpcRouteConfiguration(BOOKSTORE, 14001),
                        "bookstore-v1.bookstore.svc.cluster.local:14001"),
                arguments("gRPC server listener", ResourceNames.grpcServerListener(50051),
                        "grpc/server?xds.resource.listening_address=0.0.0.0:50051"),
                arguments("gRPC server filter chain", ResourceNames.grpcServerFilterChain(50051), "inbound:50051"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void namesEachResource(String what, String name, String expected) {
        assertThat(name).isEqualTo(expected);
    }

    @Test
    void aServiceAnswersToItsShortNameOnlyInItsOwnNamespace() {
        assertThat(ResourceNames.domains(BOOKSTORE, "", 14001, "bookstore")).containsExactly(
                "bookstore-v1.bookstore.svc.cluster.local", "bookstore-v1.bookstore.svc.cluster.local:14001",
                "bookstore-v1.bookstore.svc", "bookstore-v1.bookstore.svc:14001",
                "bookstore-v1.bookstore", "bookstore-v1.bookstore:14001",
                "bookstore-v1", "bookstore-v1:14001");
        assertThat(ResourceNames.domains(BOOKSTORE, "", 14001, "bookbuyer"))
                .doesNotContain("bookstore-v1", "bookstore-v1:14001");
    }

    @Test
    void aServiceAnswersToItsClusterIpButNotToNone() {
        assertThat(ResourceNames.domains(BOOKSTORE, "10.96.0.7", 14001, "x")).contains("10.96.0.7", "10.96.0.7:14001");
        assertThat(ResourceNames.domains(BOOKSTORE, "fd00::7", 14001, "x")).contains("[fd00::7]", "[fd00::7]:14001");
        assertThat(ResourceNames.domains(BOOKSTORE, "None", 14001, "x")).noneMatch(d -> d.startsWith("None"));
    }
}
