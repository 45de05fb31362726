/**
 * cert-manager as the signer of workload certificates (issue 5): {@link io.gitmesh.ca.certmanager.CertManagerIssuer}
 * is a {@link io.gitmesh.ca.CertificateAuthority} that sends each request to cert-manager as a
 * {@code CertificateRequest} (cert-manager.io/v1) and waits, with a timeout, for it to be signed. An adapter:
 * it talks to the API server through fabric8 and blocks while it waits, so it belongs at the edge (issuing
 * ahead of need, e.g. the per-pod Secret controller), never in a request path such as admission.
 */
package io.gitmesh.ca.certmanager;
