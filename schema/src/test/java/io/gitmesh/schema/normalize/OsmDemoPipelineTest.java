package io.gitmesh.schema.normalize;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.policy.HeaderMatch;
import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.TcpRoute;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OSM bookstore demo read whole, through the policy reader, into records. */
class OsmDemoPipelineTest {
    private static final List<String> FILES = List.of(
            "apps/bookbuyer.yaml", "apps/bookstore-v2.yaml", "apps/bookstore.yaml", "apps/bookthief.yaml",
            "apps/bookwarehouse.yaml", "apps/mysql.yaml", "apps/tcp-echo.yaml",
            "access/traffic-access-v1.yaml", "split/traffic-split-50-50.yaml");

    @Test
    void readsTheBookstoreDemoWithoutAnError() {
        PolicyRead read = new PolicyReader().read(FILES.stream()
                .map(f -> new SourceFile(f, Documents.shared("osm/demo/manifests/" + f).getBytes(UTF_8)))
                .toList());

        assertThat(read.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        assertThat(read.clusterObjects()).extracting(KubeObject::kind).containsOnly(
                "Service", "ServiceAccount", "Deployment", "StatefulSet").hasSize(20);
        assertThat(read.policies().documents()).extracting(d -> d.key().toString()).containsExactly(
                "HTTPRouteGroup/bookstore/bookstore-service-routes",
                "HTTPRouteGroup/bookwarehouse/bookwarehouse-service-routes",
                "TCPRoute/bookwarehouse/mysql",
                "TrafficSplit/bookstore/bookstore-split",
                "TrafficTarget/bookstore/bookstore",
                "TrafficTarget/bookstore/bookstore-v2",
                "TrafficTarget/bookwarehouse/bookstore-access-bookwarehouse",
                "TrafficTarget/bookwarehouse/mysql");

        HttpRouteGroup routes = read.policies().httpRouteGroups().getFirst();
        assertThat(routes.match("books-bought").orElseThrow().headers()).containsExactly(
                new HeaderMatch("user-agent", ".*-http-client/*.*", "/spec/matches/0/headers/0/user-agent"),
                new HeaderMatch("client-app", "bookbuyer", "/spec/matches/0/headers/1/client-app"));
        TcpRoute tcp = read.policies().tcpRoutes().getFirst();
        assertThat(tcp.ports()).containsExactly(3306);
        assertThat(tcp.origin().file()).isEqualTo("access/traffic-access-v1.yaml");
    }
}
