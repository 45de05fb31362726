/**
 * The mutating admission webhook: {@link io.gitmesh.injector.webhook.AdmissionHandler} turns an
 * AdmissionReview into its answer (JSON in, JSON out, no I/O), {@link io.gitmesh.injector.webhook.JsonPatchDiff}
 * computes the RFC 6902 patch, and {@link io.gitmesh.injector.webhook.WebhookServer} serves
 * {@code POST /mutate-pods} over HTTPS. {@link io.gitmesh.injector.webhook.KubernetesCaBundlePublisher} writes the
 * serving CA into the MutatingWebhookConfiguration; it is the one class here that uses the fabric8 client
 * (a departure from DESIGN.md §2 the lead accepted).
 */
package io.gitmesh.injector.webhook;
