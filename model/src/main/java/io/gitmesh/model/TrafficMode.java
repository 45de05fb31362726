package io.gitmesh.model;

/** How access is decided mesh-wide (MeshConfig {@code traffic.permissive}). */
public enum TrafficMode {
    /** Deny unless a TrafficTarget allows. */
    SMI,
    /** Every identity may reach every service, on every port and route. */
    PERMISSIVE
}
