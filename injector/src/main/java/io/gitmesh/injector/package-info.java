/**
 * Sidecar injection (issue 6, DESIGN.md §2 and §4): {@link io.gitmesh.injector.mutate} decides and
 * computes the injected pod purely; {@link io.gitmesh.injector.manifest} applies it to Pods and
 * workload templates in manifests ({@code gitmesh inject}); {@link io.gitmesh.injector.bootstrap}
 * builds the Envoy bootstrap an injected pod reads from its per-pod Secret; and
 * {@link io.gitmesh.injector.webhook} answers the API server's AdmissionReviews over HTTPS.
 */
package io.gitmesh.injector;
