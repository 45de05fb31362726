package io.gitmesh.xds;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The node metadata a proxy sends to identify its {@link SnapshotGroup} (DESIGN.md §4). All values
 * are strings:
 * <ul>
 *   <li>{@value #NAMESPACE}: the workload's namespace;</li>
 *   <li>{@value #SERVICE_ACCOUNT}: its service account;</li>
 *   <li>{@value #FLAVOUR}: {@code envoy} or {@code grpc};</li>
 *   <li>{@value #PORTS} (optional): the ports the workload serves, decimal, separated by commas without
 *       spaces, e.g. {@code "8080,9090"}; absent or empty means none.</li>
 * </ul>
 * A node with a missing, non-string or malformed value maps to no group.
 */
public final class NodeMetadata {
    public static final String NAMESPACE = "gitmesh.io/namespace";
    public static final String SERVICE_ACCOUNT = "gitmesh.io/service-account";
    public static final String FLAVOUR = "gitmesh.io/flavour";
    public static final String PORTS = "gitmesh.io/ports";

    private static final Pattern PORT_LIST = Pattern.compile("[0-9]{1,5}(,[0-9]{1,5})*");

    private NodeMetadata() {
    }

    /** The group the node's metadata names, or empty if the metadata does not name one. */
    public static Optional<SnapshotGroup> groupOf(Node node) {
        Struct metadata = node.getMetadata();
        Optional<String> namespace = string(metadata, NAMESPACE);
        Optional<String> serviceAccount = string(metadata, SERVICE_ACCOUNT);
        Optional<Flavour> flavour = string(metadata, FLAVOUR).flatMap(Flavour::fromWireName);
        Optional<List<Integer>> ports = ports(metadata);
        if (namespace.isEmpty() || serviceAccount.isEmpty() || flavour.isEmpty() || ports.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SnapshotGroup(namespace.get(), serviceAccount.get(), flavour.get(), ports.get()));
        } catch (IllegalArgumentException notAKubernetesNameOrPort) {
            return Optional.empty();
        }
    }

    /** The metadata that makes {@link #groupOf} answer {@code group}; what a bootstrap writes. */
    public static Struct of(SnapshotGroup group) {
        Struct.Builder metadata = Struct.newBuilder()
                .putFields(NAMESPACE, text(group.namespace()))
                .putFields(SERVICE_ACCOUNT, text(group.serviceAccount()))
                .putFields(FLAVOUR, text(group.flavour().wireName()));
        if (!group.ports().isEmpty()) {
            metadata.putFields(PORTS, text(group.portList()));
        }
        return metadata.build();
    }

    private static Optional<List<Integer>> ports(Struct metadata) {
        if (!metadata.containsFields(PORTS)) {
            return Optional.of(List.of());
        }
        Optional<String> text = string(metadata, PORTS);
        if (text.isEmpty() || text.get().isEmpty()) {
            return text.map(empty -> List.of());
        }
        if (!PORT_LIST.matcher(text.get()).matches()) {
            return Optional.empty();
        }
        List<Integer> ports = new ArrayList<>();
        for (String port : text.get().split(",")) {
            ports.add(Integer.parseInt(port));
        }
        return Optional.of(ports);
    }

    private static Optional<String> string(Struct metadata, String key) {
        Value value = metadata.getFieldsOrDefault(key, Value.getDefaultInstance());
        return value.hasStringValue() ? Optional.of(value.getStringValue()) : Optional.empty();
    }

    private static Value text(String text) {
        return Value.newBuilder().setStringValue(text).build();
    }
}
