/**
 * Translation of a {@code Mesh} into Envoy and proxyless-gRPC resources, Envoy overrides, and the
 * ADS server (DESIGN.md §5–6).
 */
package io.gitmesh.xds;
