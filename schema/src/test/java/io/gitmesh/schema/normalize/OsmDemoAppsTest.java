package io.gitmesh.schema.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.DocumentType;
import io.gitmesh.schema.ResourceKey;
import io.gitmesh.schema.kube.ContainerPort;
import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.kube.KubeService;
import io.gitmesh.schema.kube.KubeServiceAccount;
import io.gitmesh.schema.kube.KubeWorkload;
import io.gitmesh.schema.kube.ServicePort;
import io.gitmesh.schema.policy.IdentityRef;
import io.gitmesh.schema.policy.Meta;
import io.gitmesh.schema.policy.TrafficTarget;
import io.gitmesh.schema.yaml.SourceDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Kubernetes object of the OSM bookstore demo's apps/*.yaml, read into its record. */
class OsmDemoAppsTest {
    private static final String APPS = "osm/demo/manifests/apps/";

    /** The record expected for a resource, given the metadata it was read with. */
    record Expected(ResourceKey key, Function<Meta, KubeObject> record) {
    }

    private static Expected serviceAccount(String ns, String name) {
        return new Expected(new ResourceKey(KubeServiceAccount.KIND, ns, name), KubeServiceAccount::new);
    }

    private static Expected service(String ns, String name, Map<String, String> selector, String clusterIP,
            ServicePort... ports) {
        return new Expected(new ResourceKey(KubeService.KIND, ns, name),
                meta -> new KubeService(meta, selector, List.of(ports), clusterIP, null));
    }

    private static Expected workload(String kind, String ns, String name, Map<String, String> podLabels,
            String serviceAccount, ContainerPort... ports) {
        return new Expected(new ResourceKey(kind, ns, name),
                meta -> new KubeWorkload(meta, kind, podLabels, serviceAccount, 1, List.of(ports), List.of()));
    }

    private static ServicePort port(String name, int port) {
        return new ServicePort(name, port, null, null, null);
    }

    static Stream<Arguments> files() {
        ContainerPort bookstoreWeb = new ContainerPort("web", 14001, "TCP");
        return Stream.of(
                Arguments.of("bookbuyer.yaml", List.of(
                        serviceAccount("bookbuyer", "bookbuyer"),
                        workload("Deployment", "bookbuyer", "bookbuyer", Map.of("app", "bookbuyer", "version", "v1"),
                                "bookbuyer"))),
                Arguments.of("bookstore-v2.yaml", List.of(
                        service("bookstore", "bookstore-v2", Map.of("app", "bookstore", "version", "v2"), null,
                                port("bookstore-port", 14001)),
                        serviceAccount("bookstore", "bookstore-v2"),
                        workload("Deployment", "bookstore", "bookstore-v2", Map.of("app", "bookstore", "version", "v2"),
                                "bookstore-v2", bookstoreWeb))),
                Arguments.of("bookstore.yaml", List.of(
                        service("bookstore", "bookstore", Map.of("app", "bookstore"), null,
                                port("bookstore-port", 14001)),
                        service("bookstore", "bookstore-v1", Map.of("app", "bookstore", "version", "v1"), null,
                                port("bookstore-port", 14001)),
                        serviceAccount("bookstore", "bookstore"),
                        workload("Deployment", "bookstore", "bookstore", Map.of("app", "bookstore", "version", "v1"),
                                "bookstore", bookstoreWeb))),
                Arguments.of("bookthief.yaml", List.of(
                        serviceAccount("bookthief", "bookthief"),
                        workload("Deployment", "bookthief", "bookthief", Map.of("app", "bookthief", "version", "v1"),
                                "bookthief"))),
                Arguments.of("bookwarehouse.yaml", List.of(
                        serviceAccount("bookwarehouse", "bookwarehouse"),
                        service("bookwarehouse", "bookwarehouse", Map.of("app", "bookwarehouse"), null,
                                port("bookwarehouse-port", 14001)),
                        workload("Deployment", "bookwarehouse", "bookwarehouse",
                                Map.of("app", "bookwarehouse", "version", "v1"), "bookwarehouse"))),
                Arguments.of("mysql.yaml", List.of(
                        serviceAccount("bookwarehouse", "mysql"),
                        service("bookwarehouse", "mysql", Map.of("app", "mysql"), "None",
                                new ServicePort("client", 3306, "3306", "TCP", "tcp")),
                        workload("StatefulSet", "bookwarehouse", "mysql", Map.of("app", "mysql"), "mysql",
                                new ContainerPort("mysql", 3306, "TCP")))),
                Arguments.of("tcp-echo.yaml", List.of(
                        service("tcp-demo", "tcp-echo", Map.of("app", "tcp-echo"), null,
                                new ServicePort("tcp", 9000, null, null, "tcp")),
                        serviceAccount("tcp-demo", "tcp-echo"),
                        workload("Deployment", "tcp-demo", "tcp-echo", Map.of("app", "tcp-echo", "version", "v1"),
                                "tcp-echo", new ContainerPort("tcp-echo-server", 9000, "TCP")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsEveryKubernetesObjectOfTheFile(String file, List<Expected> expected) {
        Map<ResourceKey, KubeObject> read = readObjects(file);
        assertThat(read.keySet()).containsExactlyElementsOf(expected.stream().map(Expected::key).toList());
        for (Expected e : expected) {
            KubeObject actual = read.get(e.key());
            assertThat(actual).as(e.key().toString()).isEqualTo(e.record().apply(actual.meta()));
            assertThat(actual.meta().origin().file()).isEqualTo(APPS + file);
        }
    }

    @Test
    void bookstoreV2RunsAsItsOwnIdentityOnPort14001() {
        KubeWorkload v2 = (KubeWorkload) readObjects("bookstore-v2.yaml")
                .get(new ResourceKey("Deployment", "bookstore", "bookstore-v2"));
        assertThat(v2.podLabels()).isEqualTo(Map.of("app", "bookstore", "version", "v2"));
        assertThat(v2.serviceAccount()).isEqualTo("bookstore-v2");
        assertThat(v2.ports()).extracting(ContainerPort::port).containsExactly(14001);
        assertThat(v2.replicas()).isEqualTo(1);
        assertThat(v2.meta().origin().at("/spec/template/spec/serviceAccountName").line()).isEqualTo(47);
    }

    @Test
    void theTrafficTargetBesideTheAppsNormalisesToo() {
        String path = APPS + "bookstore-v2.yaml";
        SourceDocument doc = Documents.parse(path, Documents.shared(path)).get(3);
        TrafficTarget target = (TrafficTarget) new Normalizer().normalize(doc, Documents.typeOf(doc))
                .value().orElseThrow();
        assertThat(target.destination())
                .isEqualTo(new IdentityRef("ServiceAccount", "bookstore-v2", "bookstore", null, "/spec/destination"));
        assertThat(target.sources()).extracting(IdentityRef::namespace).containsExactly("bookbuyer");
        assertThat(target.rules().getFirst().matches()).containsExactly("buy-a-book", "books-bought");
        assertThat(target.origin().at(target.destination().pointer()).line()).isEqualTo(74);
    }

    /** The Kubernetes objects of one file, by key in written order; no document may have a diagnostic. */
    private static Map<ResourceKey, KubeObject> readObjects(String file) {
        String path = APPS + file;
        Map<ResourceKey, KubeObject> objects = new LinkedHashMap<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (SourceDocument doc : Documents.parse(path, Documents.shared(path))) {
            DocumentType type = Documents.typeOf(doc);
            if (type.isPolicy()) {
                continue;
            }
            Normalized<KubeObject> n = new KubeReader().read(doc, type);
            diagnostics.addAll(n.diagnostics());
            n.value().ifPresent(o -> objects.put(o.key(), o));
        }
        assertThat(diagnostics).as(file).isEmpty();
        return objects;
    }
}
