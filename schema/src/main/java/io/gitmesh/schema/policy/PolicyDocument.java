package io.gitmesh.schema.policy;

import io.gitmesh.schema.ResourceKey;

/**
 * A mesh policy document, normalised from whichever apiVersion it was written in into one record
 * per kind. Pointers kept inside the records ({@code pointer} components) are in the source layout,
 * so diagnostics land on the line the user wrote.
 */
public sealed interface PolicyDocument
        permits TrafficTarget, HttpRouteGroup, TcpRoute, UdpRoute, TrafficSplit, MeshConfig, EnvoyOverride {

    Meta meta();

    /** The kind as written in YAML ({@code TrafficTarget}, ...). */
    String kind();

    default ResourceKey key() {
        return meta().key(kind());
    }

    default Origin origin() {
        return meta().origin();
    }
}
