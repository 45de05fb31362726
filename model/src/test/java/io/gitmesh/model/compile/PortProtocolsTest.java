package io.gitmesh.model.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.model.Protocol;
import io.gitmesh.model.TargetPort;
import io.gitmesh.model.cluster.ServicePort;
import io.gitmesh.model.cluster.Transport;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PortProtocolsTest {

    static Stream<Arguments> ports() {
        return Stream.of(
                arguments("no hint: HTTP (OSM default)", "bookstore-port", Transport.TCP, "", Protocol.HTTP),
                arguments("unnamed port: HTTP", "", Transport.TCP, "", Protocol.HTTP),
                arguments("appProtocol tcp (demo mysql)", "client", Transport.TCP, "tcp", Protocol.TCP),
                arguments("appProtocol http", "x", Transport.TCP, "http", Protocol.HTTP),
                arguments("appProtocol h2c", "x", Transport.TCP, "h2c", Protocol.HTTP2),
                arguments("appProtocol kubernetes.io/h2c", "x", Transport.TCP, "kubernetes.io/h2c", Protocol.HTTP2),
                arguments("appProtocol grpc", "x", Transport.TCP, "grpc", Protocol.GRPC),
                arguments("appProtocol is case-insensitive", "x", Transport.TCP, "HTTP", Protocol.HTTP),
                arguments("appProtocol tls: opaque", "x", Transport.TCP, "tls", Protocol.TCP),
                arguments("unknown appProtocol: opaque", "x", Transport.TCP, "mysql", Protocol.TCP),
                arguments("appProtocol wins over the name", "http-web", Transport.TCP, "tcp", Protocol.TCP),
                arguments("name tcp", "tcp", Transport.TCP, "", Protocol.TCP),
                arguments("name tcp-*", "tcp-echo", Transport.TCP, "", Protocol.TCP),
                arguments("name mysql", "mysql", Transport.TCP, "", Protocol.TCP),
                arguments("name redis-*", "redis-main", Transport.TCP, "", Protocol.TCP),
                arguments("name mongo", "mongo", Transport.TCP, "", Protocol.TCP),
                arguments("name tls-*", "tls-passthrough", Transport.TCP, "", Protocol.TCP),
                arguments("name http-*", "http-web", Transport.TCP, "", Protocol.HTTP),
                arguments("name http2", "http2", Transport.TCP, "", Protocol.HTTP2),
                arguments("name grpc-*", "grpc-api", Transport.TCP, "", Protocol.GRPC),
                arguments("a prefix needs a dash: mysqlx is not mysql", "mysqlx", Transport.TCP, "", Protocol.HTTP),
                arguments("UDP by the Service protocol", "http", Transport.UDP, "http", Protocol.UDP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ports")
    void decides(String name, String portName, Transport transport, String appProtocol, Protocol expected) {
        ServicePort port = new ServicePort(portName, 8080, new TargetPort.Numbered(8080), transport, appProtocol);

        assertThat(PortProtocols.of(port)).contains(expected);
    }

    @Test
    void sctpIsNotProxied() {
        ServicePort port = new ServicePort("http", 8080, new TargetPort.Numbered(8080), Transport.SCTP, "http");

        assertThat(PortProtocols.of(port)).isEqualTo(Optional.empty());
    }
}
