package io.gitmesh.injector.webhook;

/**
 * Makes the API server trust the webhook's serving certificate: puts the CA bundle into the
 * {@code caBundle} of the MutatingWebhookConfiguration's webhook (the manifest ships a placeholder). The
 * server calls it once it is listening, so the API server never trusts a webhook that is not up yet. The
 * Kubernetes implementation is {@link KubernetesCaBundlePublisher}.
 */
@FunctionalInterface
public interface CaBundlePublisher {
    /** @param caBundlePem the CA certificates, PEM, that sign the webhook's serving certificate */
    void publish(String caBundlePem);
}
