package io.gitmesh.xds.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.model.Identity;
import io.gitmesh.xds.translate.simulate.Call;
import io.gitmesh.xds.translate.simulate.MeshSimulation;
import io.gitmesh.xds.translate.simulate.Verdict;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OSM bookstore demo (shared/osm/demo/EXPECTED.md) through Envoy sidecar configs: what the demo's
 * clients see. The manifests have no ClusterIPs, so the sidecars match the destination port and the Host.
 */
class SidecarBookstoreDemoTest {
    private static final Identity BOOKBUYER = new Identity("bookbuyer", "bookbuyer");
    private static final Identity BOOKTHIEF = new Identity("bookthief", "bookthief");
    private static final Identity BOOKSTORE = new Identity("bookstore", "bookstore");
    private static final Identity BOOKWAREHOUSE = new Identity("bookwarehouse", "bookwarehouse");
    private static final Identity MYSQL = new Identity("bookwarehouse", "mysql");
    private static final String BOOKSTORE_HOST = "bookstore.bookstore.svc.cluster.local";

    private static final MeshSimulation SMI = MeshSimulation.envoy(Meshes.osmDemo(false));
    private static final MeshSimulation PERMISSIVE = MeshSimulation.envoy(Meshes.osmDemo(true));

    @Test
    void bookbuyerReachesBookstoreV1ForAllRequests() {
        Call booksBought = Call.from(BOOKBUYER).to(BOOKSTORE_HOST, 14001).get("/books-bought")
                .header("client-app", "bookbuyer").header("user-agent", "Go-http-client/1.1");

        assertThat(SMI.call(booksBought).describe()).isEqualTo("bookstore/bookstore-v1:14001 100% allowed");
        assertThat(SMI.call(Call.from(BOOKBUYER).to(BOOKSTORE_HOST, 14001).get("/buy-a-book/new")).describe())
                .isEqualTo("bookstore/bookstore-v1:14001 100% allowed");
    }

    @Test
    void bookbuyerWithoutTheRouteHeadersIsDeniedByBookstoresRbac() {
        var outcome = SMI.call(Call.from(BOOKBUYER).to(BOOKSTORE_HOST, 14001).get("/books-bought"));

        assertThat(outcome.describe()).isEqualTo("bookstore/bookstore-v1:14001 100% denied");
        assertThat(outcome.verdictsOf("bookstore/bookstore-v1:14001"))
                .containsExactly(new Verdict.Denied("HTTP RBAC answers 403"));
    }

    @Test
    void bookthiefHasNoRouteToBookstore() {
        assertThat(SMI.call(Call.from(BOOKTHIEF).to(BOOKSTORE_HOST, 14001).get("/buy-a-book/new")).describe())
                .isEqualTo("refused: no outbound listener: the connection is refused");
    }

    @Test
    void bookstoreMayPostToRestockBooksButGetIsDeniedByRbac() {
        Call restock = Call.from(BOOKSTORE).to("bookwarehouse.bookwarehouse", 14001).post("/restock-books");

        assertThat(SMI.call(restock).describe()).isEqualTo("bookwarehouse/bookwarehouse:14001 100% allowed");
        assertThat(SMI.call(restock.get("/restock-books")).describe())
                .isEqualTo("bookwarehouse/bookwarehouse:14001 100% denied");
    }

    @Test
    void bookwarehouseReachesMysqlOverTcp() {
        var outcome = SMI.call(Call.from(BOOKWAREHOUSE).to("mysql.bookwarehouse", 3306));

        assertThat(outcome.describe()).isEqualTo("bookwarehouse/mysql:3306 100% allowed");
        assertThat(outcome.verdictsOf("bookwarehouse/mysql:3306"))
                .containsExactly(new Verdict.Admitted("bookwarehouse/bookwarehouse", "local:3306"));
    }

    /** EXPECTED.md §2: every pair the matrix denies has no way out of the caller's sidecar. */
    static Stream<Arguments> deniedPairs() {
        return Stream.of(
                arguments("bookbuyer -> bookwarehouse", BOOKBUYER, "bookwarehouse.bookwarehouse", 14001),
                arguments("bookbuyer -> mysql", BOOKBUYER, "mysql.bookwarehouse", 3306),
                arguments("bookthief -> bookwarehouse", BOOKTHIEF, "bookwarehouse.bookwarehouse", 14001),
                arguments("bookstore -> mysql", BOOKSTORE, "mysql.bookwarehouse", 3306),
                arguments("bookwarehouse -> bookstore", BOOKWAREHOUSE, "bookstore.bookstore", 14001),
                arguments("mysql -> bookstore", MYSQL, "bookstore.bookstore", 14001),
                arguments("mysql -> bookwarehouse", MYSQL, "bookwarehouse.bookwarehouse", 14001));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deniedPairs")
    void theMatrixDenies(String name, Identity source, String host, int port) {
        assertThat(SMI.call(Call.from(source).to(host, port).post("/")).allowed()).isFalse();
    }

    @Test
    void inPermissiveModeBookthiefReachesBookstoreToo() {
        assertThat(PERMISSIVE.call(Call.from(BOOKTHIEF).to(BOOKSTORE_HOST, 14001).get("/anything")).describe())
                .isEqualTo("bookstore/bookstore-v1:14001 100% allowed");
        assertThat(PERMISSIVE.call(Call.from(MYSQL).to("bookwarehouse.bookwarehouse", 14001).get("/")).describe())
                .isEqualTo("bookwarehouse/bookwarehouse:14001 100% allowed");
    }
}
