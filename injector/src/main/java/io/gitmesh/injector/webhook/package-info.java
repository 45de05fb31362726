/**
 * The mutating admission webhook: {@link io.gitmesh.injector.webhook.AdmissionHandler} turns an
 * AdmissionReview into its answer (JSON in, JSON out, no I/O), {@link io.gitmesh.injector.webhook.JsonPatchDiff}
 * computes the RFC 6902 patch, and {@link io.gitmesh.injector.webhook.WebhookServer} serves
 * {@code POST /mutate-pods} over HTTPS.
 */
package io.gitmesh.injector.webhook;
