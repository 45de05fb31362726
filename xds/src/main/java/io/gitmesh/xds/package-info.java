/**
 * Translation of a {@code Mesh} into Envoy and proxyless-gRPC resources, Envoy overrides, and the
 * contract with the ADS server (DESIGN.md §5–6): translation builds one {@link io.gitmesh.xds.ProxyConfig}
 * per {@link io.gitmesh.xds.SnapshotGroup}, and {@link io.gitmesh.xds.server.XdsServer} serves them.
 * Everything here is a pure value; versions are content hashes ({@link io.gitmesh.xds.ContentHash}).
 */
package io.gitmesh.xds;
