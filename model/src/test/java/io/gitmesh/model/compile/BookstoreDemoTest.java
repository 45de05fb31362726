package io.gitmesh.model.compile;

import static io.gitmesh.model.ClusterFixtures.id;
import static io.gitmesh.model.ClusterFixtures.svc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.model.Describe;
import io.gitmesh.model.HeaderCondition;
import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.Permission;
import io.gitmesh.model.Protocol;
import io.gitmesh.model.RouteMatch;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.TrafficMode;
import io.gitmesh.model.WeightedBackend;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.policy.PolicyDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OSM bookstore demo (shared/osm/demo, see EXPECTED.md) read through the real pipeline and
 * compiled: the apps, {@code access/traffic-access-v1.yaml} and {@code split/traffic-split-v1.yaml}.
 */
class BookstoreDemoTest {
    private static final Path MANIFESTS = Path.of(System.getProperty("gitmesh.shared"), "osm/demo/manifests");
    private static final List<String> POLICY = List.of("access/traffic-access-v1.yaml", "split/traffic-split-v1.yaml");
    private static final String MESH_CONFIG = "meshconfig/mesh-config.yaml";

    private static final Identity BOOKBUYER = id("bookbuyer", "bookbuyer");
    private static final Identity BOOKTHIEF = id("bookthief", "bookthief");
    private static final Identity BOOKSTORE = id("bookstore", "bookstore");
    private static final Identity BOOKWAREHOUSE = id("bookwarehouse", "bookwarehouse");
    private static final Identity MYSQL = id("bookwarehouse", "mysql");
    private static final ServiceRef BOOKSTORE_SVC = svc("bookstore", "bookstore");
    private static final ServiceRef BOOKWAREHOUSE_SVC = svc("bookwarehouse", "bookwarehouse");
    private static final ServiceRef MYSQL_SVC = svc("bookwarehouse", "mysql");

    @Test
    void bookbuyerMayGetBooksBoughtWithItsHeadersAndBuyABook() {
        Mesh mesh = compile(files());

        assertThat(mesh.mode()).isEqualTo(TrafficMode.SMI);
        var port = mesh.outbound(BOOKBUYER).port(BOOKSTORE_SVC, 14001).orElseThrow();
        assertThat(port.protocol()).isEqualTo(Protocol.HTTP);
        assertThat(port.permission()).isEqualTo(Permission.routes(List.of(
                new RouteMatch("bookstore/bookstore-service-routes", "books-bought", "/books-bought", List.of("GET"),
                        List.of(new HeaderCondition("client-app", "bookbuyer"),
                                new HeaderCondition("user-agent", ".*-http-client/*.*"))),
                new RouteMatch("bookstore/bookstore-service-routes", "buy-a-book", ".*a-book.*new", List.of("GET"),
                        List.of()))));
    }

    @Test
    void bookthiefMayCallNothing() {
        Mesh mesh = compile(files());

        assertThat(mesh.outbound(BOOKTHIEF).isEmpty()).isTrue();
        assertThat(mesh.inbound(BOOKSTORE).port(BOOKSTORE_SVC, 14001).orElseThrow().admission().permission(BOOKTHIEF))
                .isEmpty();
    }

    @Test
    void bookstoreMayPostToBookwarehouseToRestock() {
        Mesh mesh = compile(files());

        assertThat(mesh.permission(BOOKSTORE, BOOKWAREHOUSE_SVC, 14001)).contains(Permission.routes(List.of(
                new RouteMatch("bookwarehouse/bookwarehouse-service-routes", "restock-books", RouteMatch.ANY_PATH,
                        List.of("POST"), List.of()))));
    }

    @Test
    void bookwarehouseMayReachMysqlOverTcp3306() {
        Mesh mesh = compile(files());

        var port = mesh.outbound(BOOKWAREHOUSE).port(MYSQL_SVC, 3306).orElseThrow();
        assertThat(port.protocol()).as("appProtocol: tcp").isEqualTo(Protocol.TCP);
        assertThat(port.permission()).isEqualTo(Permission.ALL);
        assertThat(mesh.outbound(BOOKWAREHOUSE).services()).containsExactly(MYSQL_SVC);
    }

    @Test
    void theSplitSendsEveryBookstoreRequestToV1() {
        Mesh mesh = compile(files());

        assertThat(Describe.routing(mesh.routing(BOOKSTORE_SVC, 14001).orElseThrow()))
                .isEqualTo("* -> bookstore-v1 100%");
        assertThat(mesh.routing(BOOKSTORE_SVC, 14001).orElseThrow().backends())
                .extracting(WeightedBackend::identities).containsExactly(List.of(BOOKSTORE));
    }

    /** EXPECTED.md §2, the connectivity matrix (✔ = allowed, all else denied). */
    static Stream<Arguments> connectivity() {
        return Stream.of(
                arguments("bookbuyer -> bookstore", BOOKBUYER, BOOKSTORE_SVC, 14001, true),
                arguments("bookbuyer -> bookwarehouse", BOOKBUYER, BOOKWAREHOUSE_SVC, 14001, false),
                arguments("bookbuyer -> mysql", BOOKBUYER, MYSQL_SVC, 3306, false),
                arguments("bookthief -> bookstore", BOOKTHIEF, BOOKSTORE_SVC, 14001, false),
                arguments("bookthief -> bookwarehouse", BOOKTHIEF, BOOKWAREHOUSE_SVC, 14001, false),
                arguments("bookthief -> mysql", BOOKTHIEF, MYSQL_SVC, 3306, false),
                arguments("bookstore -> bookwarehouse", BOOKSTORE, BOOKWAREHOUSE_SVC, 14001, true),
                arguments("bookstore -> mysql", BOOKSTORE, MYSQL_SVC, 3306, false),
                arguments("bookwarehouse -> bookstore", BOOKWAREHOUSE, BOOKSTORE_SVC, 14001, false),
                arguments("bookwarehouse -> mysql", BOOKWAREHOUSE, MYSQL_SVC, 3306, true),
                arguments("mysql -> bookstore", MYSQL, BOOKSTORE_SVC, 14001, false),
                arguments("mysql -> bookwarehouse", MYSQL, BOOKWAREHOUSE_SVC, 14001, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectivity")
    void followsTheConnectivityMatrix(String name, Identity source, ServiceRef service, int port, boolean allowed) {
        assertThat(compile(files()).mayReach(source, service, port)).isEqualTo(allowed);
    }

    @Test
    void withOsmsMeshConfigTheMeshIsPermissiveAndBookthiefReachesBookstore() {
        List<String> files = new ArrayList<>(files());
        files.add(MESH_CONFIG);

        Mesh mesh = compile(files);

        assertThat(mesh.mode()).isEqualTo(TrafficMode.PERMISSIVE);
        assertThat(Describe.permission(mesh.permission(BOOKTHIEF, BOOKSTORE_SVC, 14001))).isEqualTo("all");
        assertThat(Describe.routing(mesh.routing(BOOKSTORE_SVC, 14001).orElseThrow()))
                .as("the split still routes").isEqualTo("* -> bookstore-v1 100%");
    }

    @Test
    void compilingTwiceGivesEqualMeshes() {
        assertThat(compile(files())).isEqualTo(compile(files()));
    }

    @Test
    void filesInAnotherOrderGiveAnEqualMesh() {
        List<String> reversed = new ArrayList<>(files());
        Collections.reverse(reversed);

        assertThat(compile(reversed)).isEqualTo(compile(files()));
    }

    @Test
    void documentsAndObjectsInAnotherOrderGiveAnEqualMesh() {
        PolicyRead read = read(files());
        List<PolicyDocument> documents = new ArrayList<>(read.policies().documents());
        List<KubeObject> objects = new ArrayList<>(read.clusterObjects());
        Collections.reverse(documents);
        Collections.reverse(objects);

        Mesh shuffled = new MeshCompiler().compile(new PolicySet(documents), ClusterState.of(objects));

        assertThat(shuffled).isEqualTo(compile(files()));
    }

    private static Mesh compile(List<String> files) {
        PolicyRead read = read(files);
        return new MeshCompiler().compile(read.policies(), ClusterState.of(read.clusterObjects()));
    }

    private static PolicyRead read(List<String> files) {
        PolicyRead read = new PolicyReader().read(files.stream().map(BookstoreDemoTest::sourceFile).toList());
        assertThat(read.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        return read;
    }

    /** The demo's apps, its access policy and the v1 split. */
    private static List<String> files() {
        try (Stream<Path> apps = Files.list(MANIFESTS.resolve("apps"))) {
            return Stream.concat(apps.map(p -> "apps/" + p.getFileName()).sorted(), POLICY.stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SourceFile sourceFile(String path) {
        try {
            return new SourceFile(path, Files.readAllBytes(MANIFESTS.resolve(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
