/**
 * The per-pod bootstrap Secret controller (issue 6 item 2, DESIGN.md §4): for each injected pod, the Secret
 * its bootstrap volume mounts — Envoy bootstrap, client certificate and key, trust bundle — owned by the pod,
 * renewed before its certificate expires, written again if deleted, and deleted with the pod.
 * {@link io.gitmesh.injector.secrets.SecretDecision} decides from values and
 * {@link io.gitmesh.injector.secrets.BootstrapSecrets} reads and builds Secrets (both pure);
 * {@link io.gitmesh.injector.secrets.BootstrapSecretController} acts through the API server and
 * {@link io.gitmesh.injector.secrets.BootstrapSecretInformers} feeds it from informers.
 *
 * <p>A departure from DESIGN.md §2, accepted by the lead: the injector otherwise uses fabric8's model only,
 * but this adapter package (and the Kubernetes CaBundlePublisher in the webhook package) uses the fabric8
 * client. Mutation, manifests and bootstraps stay pure and never talk to the API server.
 */
package io.gitmesh.injector.secrets;
