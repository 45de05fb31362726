package io.gitmesh.xds;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeMetadataTest {
    private static final Map<String, String> BOOKSTORE = Map.of(
            NodeMetadata.NAMESPACE, "bookstore",
            NodeMetadata.SERVICE_ACCOUNT, "bookstore-v1",
            NodeMetadata.FLAVOUR, "envoy");

    static Stream<Arguments> metadata() {
        SnapshotGroup noPorts = SnapshotGroup.of("bookstore", "bookstore-v1", Flavour.ENVOY);
        SnapshotGroup twoPorts = new SnapshotGroup("bookstore", "bookstore-v1", Flavour.ENVOY, List.of(8080, 9090));
        return Stream.of(
                Arguments.of("identity and flavour", metadata(BOOKSTORE), Optional.of(noPorts)),
                Arguments.of("with ports", metadata(with(NodeMetadata.PORTS, "9090,8080")), Optional.of(twoPorts)),
                Arguments.of("empty ports", metadata(with(NodeMetadata.PORTS, "")), Optional.of(noPorts)),
                Arguments.of("ports with a space", metadata(with(NodeMetadata.PORTS, "8080, 9090")), Optional.empty()),
                Arguments.of("port out of range", metadata(with(NodeMetadata.PORTS, "70000")), Optional.empty()),
                Arguments.of("unknown flavour", metadata(with(NodeMetadata.FLAVOUR, "linkerd")), Optional.empty()),
                Arguments.of("no service account", metadata(Map.of(NodeMetadata.NAMESPACE, "bookstore",
                        NodeMetadata.FLAVOUR, "grpc")), Optional.empty()),
                Arguments.of("namespace not a name", metadata(with(NodeMetadata.NAMESPACE, "Book Store")),
                        Optional.empty()),
                Arguments.of("namespace a number", metadata(BOOKSTORE).toBuilder()
                        .putFields(NodeMetadata.NAMESPACE, Value.newBuilder().setNumberValue(1).build()).build(),
                        Optional.empty()),
                Arguments.of("no metadata", Struct.getDefaultInstance(), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metadata")
    void readsTheGroupFromNodeMetadata(String name, Struct metadata, Optional<SnapshotGroup> expected) {
        assertThat(NodeMetadata.groupOf(Node.newBuilder().setId("bookstore/pod-1").setMetadata(metadata).build()))
                .isEqualTo(expected);
    }

    @Test
    void writesWhatItReads() {
        SnapshotGroup group = new SnapshotGroup("bookstore", "bookstore-v1", Flavour.GRPC, List.of(8080, 9090));

        assertThat(NodeMetadata.groupOf(Node.newBuilder().setMetadata(NodeMetadata.of(group)).build())).contains(group);
        assertThat(NodeMetadata.of(group).getFieldsOrThrow(NodeMetadata.PORTS).getStringValue()).isEqualTo("8080,9090");
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> copy = new HashMap<>(BOOKSTORE);
        copy.put(key, value);
        return copy;
    }

    private static Struct metadata(Map<String, String> fields) {
        Struct.Builder struct = Struct.newBuilder();
        fields.forEach((key, value) -> struct.putFields(key, Value.newBuilder().setStringValue(value).build()));
        return struct.build();
    }
}
