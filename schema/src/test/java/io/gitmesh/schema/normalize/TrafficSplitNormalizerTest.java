package io.gitmesh.schema.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.SplitBackend;
import io.gitmesh.schema.policy.SplitMatch;
import io.gitmesh.schema.policy.TrafficSplit;
import io.gitmesh.schema.yaml.SourceDocument;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrafficSplitNormalizerTest {

    private static String split(String version, String service, String backends) {
        return """
                apiVersion: split.smi-spec.io/%s
                kind: TrafficSplit
                metadata:
                  name: bookstore-split
                  namespace: bookstore
                spec:
                  service: %s
                  backends:
                %s""".formatted(version, service, backends.indent(2));
    }

    static Stream<Arguments> versions() {
        return Stream.of(
                Arguments.of("v1alpha1: weights are quantities", split("v1alpha1", "bookstore", """
                        - service: one
                          weight: 10m
                        - service: two
                          weight: 100m
                        - service: three
                          weight: 1500m
                        - service: four
                          weight: 1
                        """), List.of(backend("one", "0.01", 0), backend("two", "0.1", 1),
                        backend("three", "1.5", 2), backend("four", "1", 3)), List.of()),
                Arguments.of("v1alpha2: weights are numbers", split("v1alpha2", "bookstore", """
                        - service: bookstore-v1
                          weight: 50
                        - service: bookstore-v2
                          weight: 50.0
                        """), List.of(backend("bookstore-v1", "50", 0), backend("bookstore-v2", "50", 1)), List.of()),
                Arguments.of("v1alpha3: matches name route groups", split("v1alpha3", "website", """
                        - service: website-v1
                          weight: 0
                        - service: website-v2
                          weight: 100
                        """) + """
                          matches:
                          - kind: HTTPRouteGroup
                            name: ab-test
                        """, List.of(backend("website-v1", "0", 0), backend("website-v2", "100", 1)),
                        List.of(new SplitMatch("HTTPRouteGroup", "ab-test", "/spec/matches/0"))),
                Arguments.of("v1alpha4: matches and exact fractional weights", split("v1alpha4", "website", """
                        - service: website-v1
                          weight: 33.333
                        - service: website-v2
                          weight: 66.667
                        """) + """
                          matches:
                          - kind: HTTPRouteGroup
                            name: ab-test
                          - kind: HTTPRouteGroup
                            name: canary-users
                        """, List.of(backend("website-v1", "33.333", 0), backend("website-v2", "66.667", 1)),
                        List.of(new SplitMatch("HTTPRouteGroup", "ab-test", "/spec/matches/0"),
                                new SplitMatch("HTTPRouteGroup", "canary-users", "/spec/matches/1"))));
    }

    private static SplitBackend backend(String service, String weight, int index) {
        return new SplitBackend(service, new BigDecimal(weight), "/spec/backends/" + index);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void readsEveryVersion(String name, String yaml, List<SplitBackend> backends, List<SplitMatch> matches) {
        TrafficSplit split = Documents.policy(yaml, TrafficSplit.class);
        assertThat(split.backends()).isEqualTo(backends);
        assertThat(split.matches()).isEqualTo(matches);
        assertThat(split.serviceName()).isEqualTo(split.service());
        assertThat(split.origin().at(split.backends().get(1).pointer()).line()).isEqualTo(11);
    }

    static Stream<Arguments> rootServiceForms() {
        return Stream.of(
                Arguments.of("short name", "bookstore"),
                Arguments.of("name.namespace", "bookstore.bookstore"),
                Arguments.of("name.namespace.svc", "bookstore.bookstore.svc"),
                Arguments.of("name.namespace.svc.cluster", "bookstore.bookstore.svc.cluster"),
                Arguments.of("name.namespace.svc.cluster.local", "bookstore.bookstore.svc.cluster.local"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rootServiceForms")
    void resolvesEveryFqdnFormOfTheRootServiceAndTheBackends(String name, String service) {
        TrafficSplit split = Documents.policy(split("v1alpha2", service, """
                - service: %s
                  weight: 100
                """.formatted("bookstore-v1" + service.substring("bookstore".length()))), TrafficSplit.class);
        assertThat(split.service()).isEqualTo(service);
        assertThat(split.serviceName()).isEqualTo("bookstore");
        assertThat(split.backends()).extracting(SplitBackend::service).containsExactly("bookstore-v1");
    }

    static Stream<Arguments> wrongServices() {
        return Stream.of(
                Arguments.of("a root service in another namespace", "bookstore.other", "bookstore-v1",
                        "/spec/service", 7, "spec.service \"bookstore.other\" is in namespace \"other\": the root"
                                + " service must be in the split's namespace \"bookstore\""),
                Arguments.of("a root FQDN in another namespace", "bookstore.other.svc.cluster.local", "bookstore-v1",
                        "/spec/service", 7, "is in namespace \"other\""),
                Arguments.of("a backend in another namespace", "bookstore", "bookstore-v1.other.svc",
                        "/spec/backends/0/service", 9, "spec.backends[0].service \"bookstore-v1.other.svc\" is in"
                                + " namespace \"other\": a backend service must be in the split's namespace"
                                + " \"bookstore\""),
                Arguments.of("a root service in a foreign cluster domain", "bookstore.bookstore.svc.example.com",
                        "bookstore-v1", "/spec/service", 7, "spec.service \"bookstore.bookstore.svc.example.com\""
                                + " is not a Service name: write <name>, <name>.<namespace>"),
                Arguments.of("a backend with upper-case letters", "bookstore", "Bookstore-V1",
                        "/spec/backends/0/service", 9, "\"Bookstore-V1\" is not a Service name"),
                Arguments.of("a backend starting with a digit", "bookstore", "1-bookstore",
                        "/spec/backends/0/service", 9, "\"1-bookstore\" is not a Service name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongServices")
    void reportsServicesOutsideTheSplitsNamespace(String name, String root, String backend, String pointer, int line,
            String message) {
        Diagnostic d = Documents.onlyError(Documents.normalize(split("v1alpha2", root, """
                - service: %s
                  weight: 100
                """.formatted(backend))));
        assertThat(d.pointer()).isEqualTo(pointer);
        assertThat(d.line()).isEqualTo(line);
        assertThat(d.message()).contains(message);
        assertThat(d.resource()).isEqualTo("TrafficSplit/bookstore/bookstore-split");
    }

    static Stream<Arguments> wrongWeights() {
        return Stream.of(
                Arguments.of("v1alpha1: not a quantity", "v1alpha1", "ten",
                        "spec.backends[0].weight must be a Kubernetes quantity such as 1, 500m or 1500m, not the"
                                + " string \"ten\""),
                Arguments.of("v1alpha1: a unit that is no suffix", "v1alpha1", "10mi",
                        "spec.backends[0].weight must be a Kubernetes quantity such as 1, 500m or 1500m, not the"
                                + " string \"10mi\""),
                Arguments.of("v1alpha1: a negative quantity", "v1alpha1", "-100m",
                        "spec.backends[0].weight is -0.1; weights must be 0 or more"),
                Arguments.of("v1alpha2: a quantity where a number belongs", "v1alpha2", "100m",
                        "spec.backends[0].weight must be a number such as 50, not the string \"100m\""),
                Arguments.of("v1alpha2: a number written as a string", "v1alpha2", "\"50\"",
                        "spec.backends[0].weight must be a number such as 50, not the string \"50\""),
                Arguments.of("v1alpha4: a negative weight", "v1alpha4", "-5",
                        "spec.backends[0].weight is -5; weights must be 0 or more"),
                Arguments.of("v1alpha4: no weight", "v1alpha4", "~", "missing required field spec.backends[0].weight"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongWeights")
    void reportsWeightsThatAreNotWeights(String name, String version, String weight, String message) {
        Diagnostic d = Documents.onlyError(Documents.normalize(split(version, "bookstore", """
                - service: bookstore-v1
                  weight: %s
                """.formatted(weight))));
        assertThat(d.pointer()).isEqualTo("/spec/backends/0/weight");
        assertThat(d.line()).isEqualTo(10);
        assertThat(d.message()).isEqualTo(message);
    }

    @Test
    void readsTheOsmDemoSplits() {
        for (String file : List.of("traffic-split-v1.yaml", "traffic-split-50-50.yaml", "traffic-split-v2.yaml")) {
            String path = "osm/demo/manifests/split/" + file;
            SourceDocument doc = Documents.parse(path, Documents.shared(path)).getFirst();
            Normalized<PolicyDocument> n = new Normalizer().normalize(doc, Documents.typeOf(doc));
            assertThat(n.diagnostics()).as(file).isEmpty();
            TrafficSplit split = (TrafficSplit) n.value().orElseThrow();
            assertThat(split.key().toString()).isEqualTo("TrafficSplit/bookstore/bookstore-split");
            assertThat(split.service()).isEqualTo("bookstore.bookstore");
            assertThat(split.serviceName()).isEqualTo("bookstore");
            assertThat(split.backends()).extracting(SplitBackend::service).first().isEqualTo("bookstore-v1");
        }
    }
}
