package io.gitmesh.xds;

import io.envoyproxy.envoy.config.core.v3.Node;
import java.util.Optional;

/**
 * Maps a connecting proxy's {@link Node} to its {@link SnapshotGroup}. The ADS server asks once per
 * stream, on the stream's first request, and keeps the answer for the stream's lifetime; an empty
 * answer refuses the stream, and the proxy retries.
 */
@FunctionalInterface
public interface SnapshotGroupResolver {

    Optional<SnapshotGroup> groupOf(Node node);

    /** Reads the group from the node metadata that {@code gitmesh bootstrap} writes, see {@link NodeMetadata}. */
    static SnapshotGroupResolver byNodeMetadata() {
        return NodeMetadata::groupOf;
    }
}
