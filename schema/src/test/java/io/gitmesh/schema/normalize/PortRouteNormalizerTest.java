package io.gitmesh.schema.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.TcpRoute;
import io.gitmesh.schema.policy.UdpRoute;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PortRouteNormalizerTest {

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("TCPRoute v1alpha1: no ports, every port", "TCPRoute", "v1alpha1", "", List.of()),
                Arguments.of("TCPRoute v1alpha2: no ports, every port", "TCPRoute", "v1alpha2", "", List.of()),
                Arguments.of("TCPRoute v1alpha3: spec {} means every port", "TCPRoute", "v1alpha3", "spec: {}\n",
                        List.of()),
                Arguments.of("TCPRoute v1alpha4: the ports named", "TCPRoute", "v1alpha4", """
                        spec:
                          matches:
                            ports: [3306, 6446]
                        """, List.of(3306, 6446)),
                Arguments.of("TCPRoute v1alpha4: an empty list is every port", "TCPRoute", "v1alpha4", """
                        spec:
                          matches:
                            ports: []
                        """, List.of()),
                Arguments.of("TCPRoute v1alpha4: no matches is every port", "TCPRoute", "v1alpha4", "spec: {}\n",
                        List.of()),
                Arguments.of("UDPRoute v1alpha4: the ports named", "UDPRoute", "v1alpha4", """
                        spec:
                          matches:
                            ports:
                            - 989
                            - 990
                        """, List.of(989, 990)),
                Arguments.of("UDPRoute v1alpha4: an empty list is every port", "UDPRoute", "v1alpha4", """
                        spec:
                          matches:
                            ports: []
                        """, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void readsThePortsOfEveryVersion(String name, String kind, String version, String body, List<Integer> ports) {
        PolicyDocument route = Documents.policy("""
                apiVersion: specs.smi-spec.io/%s
                kind: %s
                metadata:
                  name: the-routes
                %s""".formatted(version, kind, body), PolicyDocument.class);
        List<Integer> read = switch (route) {
            case TcpRoute tcp -> tcp.ports();
            case UdpRoute udp -> udp.ports();
            default -> throw new AssertionError("not a port route: " + route);
        };
        assertThat(route.kind()).isEqualTo(kind);
        assertThat(read).isEqualTo(ports);
        assertThat(route.meta().namespace()).isEqualTo("default");
    }

    static Stream<Arguments> badPorts() {
        return Stream.of(
                Arguments.of("port 0", "0", "the number 0"),
                Arguments.of("port 65536", "65536", "the number 65536"),
                Arguments.of("a negative port", "-1", "the number -1"),
                Arguments.of("a fraction", "80.5", "the number 80.5"),
                Arguments.of("a port name", "mysql", "the string \"mysql\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPorts")
    void reportsPortsOutsideTheRange(String name, String port, String shown) {
        for (String kind : List.of("TCPRoute", "UDPRoute")) {
            Diagnostic d = Documents.onlyError(Documents.normalize("""
                    apiVersion: specs.smi-spec.io/v1alpha4
                    kind: %s
                    metadata: {name: r, namespace: db}
                    spec:
                      matches:
                        ports:
                        - 3306
                        - %s
                    """.formatted(kind, port)));
            assertThat(d.pointer()).isEqualTo("/spec/matches/ports/1");
            assertThat(d.line()).isEqualTo(8);
            assertThat(d.resource()).isEqualTo(kind + "/db/r");
            assertThat(d.message()).isEqualTo(
                    "spec.matches.ports[1] must be a port number from 1 to 65535, not " + shown);
        }
    }
}
