package io.gitmesh.xds.testing;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.gitmesh.xds.NodeMetadata;
import io.gitmesh.xds.SnapshotGroup;

/** Nodes as a gitmesh bootstrap writes them. */
public final class Nodes {
    private Nodes() {
    }

    /** A node with id {@code id} whose metadata names {@code group}. */
    public static Node of(String id, SnapshotGroup group) {
        return Node.newBuilder().setId(id).setMetadata(NodeMetadata.of(group)).build();
    }
}
