/**
 * The Envoy bootstrap of an injected pod, which the per-pod Secret controller writes into the pod's
 * Secret ({@code bootstrap.json}): the xDS bootstrap of {@link io.gitmesh.xds.bootstrap.EnvoyBootstrap}
 * plus the pod's own static listeners — metrics and readiness on 15010, the rewritten probes on
 * 15901–15903. Pure.
 */
package io.gitmesh.injector.bootstrap;
