/**
 * The ADS server, an adapter over java-control-plane's discovery server and snapshot cache on
 * grpc-java: {@link io.gitmesh.xds.server.XdsServer} and the values it reports
 * ({@link io.gitmesh.xds.server.PublishResult}, {@link io.gitmesh.xds.server.ProxyStatus}). It depends
 * on translation only through {@link io.gitmesh.xds.ProxyConfig}.
 *
 * <p>Where java-control-plane 1.0.49 needed help: streams are pinned to the node of their first request
 * ({@code StreamPinning}); versions are content hashes, not {@code hashCode()} ({@code GroupSnapshot});
 * responses are written off the publishing thread ({@code FanOut}) and each resource is packed once
 * ({@code OncePerResourceSerializer}); a NACK no longer makes the cache re-send the rejected version in
 * a loop, and a per-type request may leave its type implicit ({@code XdsMessages}); a gRPC client asking
 * for a listener or cluster that is gone still gets the others ({@code FullStateTypesWatcher}); the
 * consistency check reads API listeners ({@code ProxyConfig#missingReferences}).
 *
 * <p>Over mTLS ({@link io.gitmesh.xds.server.ServerTls}) each stream is bound to the SPIFFE identity of
 * its client certificate ({@code IdentityBinding}, checked by {@code StreamPinning}).
 */
package io.gitmesh.xds.server;
