package io.gitmesh.injector.webhook;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the webhook's CA bundle into {@code webhooks[].clientConfig.caBundle} of the named
 * MutatingWebhookConfiguration — of gitmesh's own webhooks only (by name), never another webhook that shares
 * the configuration. Idempotent: when every bundle is already in place nothing is written. A concurrent change
 * (409 Conflict) is retried on the fresh object.
 *
 * <p>An adapter of the webhook package that uses the fabric8 client (DESIGN.md §2 has the injector on the model
 * only; the lead accepted this departure for the API adapters). API calls: {@code get} and {@code update} on
 * {@code mutatingwebhookconfigurations} (admissionregistration.k8s.io/v1, cluster-scoped), that one name.
 */
public final class KubernetesCaBundlePublisher implements CaBundlePublisher {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesCaBundlePublisher.class);
    private static final int ATTEMPTS = 3;

    private final KubernetesClient client;
    private final String configuration;
    private final Set<String> webhooks;

    /**
     * @param configuration  the MutatingWebhookConfiguration's name (deploy/ ships it)
     * @param webhooks       the names of gitmesh's webhooks in it, e.g. {@code sidecar-injector.gitmesh.io}
     */
    public KubernetesCaBundlePublisher(KubernetesClient client, String configuration, Set<String> webhooks) {
        this.client = Objects.requireNonNull(client, "client");
        if (configuration == null || configuration.isBlank()) {
            throw new IllegalArgumentException("the MutatingWebhookConfiguration's name is empty");
        }
        if (webhooks.isEmpty()) {
            throw new IllegalArgumentException("name at least one webhook whose CA bundle gitmesh publishes");
        }
        this.configuration = configuration;
        this.webhooks = new TreeSet<>(webhooks);
    }

    /**
     * @throws IllegalStateException when the configuration or one of the webhooks does not exist, or the API
     *                               refuses
     */
    @Override
    public void publish(String caBundlePem) {
        String caBundle = Base64.getEncoder().encodeToString(caBundlePem.getBytes(StandardCharsets.US_ASCII));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            MutatingWebhookConfiguration current = read();
            List<MutatingWebhook> ours = owned(current);
            List<MutatingWebhook> stale = ours.stream()
                    .filter(webhook -> !caBundle.equals(Optional.ofNullable(webhook.getClientConfig())
                            .map(WebhookClientConfig::getCaBundle).orElse(null)))
                    .toList();
            if (stale.isEmpty()) {
                LOG.info("the CA bundle of {} in MutatingWebhookConfiguration {} is up to date", webhooks,
                        configuration);
                return;
            }
            stale.forEach(webhook -> {
                if (webhook.getClientConfig() == null) {
                    webhook.setClientConfig(new WebhookClientConfig());
                }
                webhook.getClientConfig().setCaBundle(caBundle);
            });
            try {
                client.admissionRegistration().v1().mutatingWebhookConfigurations().resource(current).update();
                LOG.info("published the CA bundle of {} in MutatingWebhookConfiguration {}",
                        stale.stream().map(MutatingWebhook::getName).toList(), configuration);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw failure("cannot update", e);
                }
                LOG.info("MutatingWebhookConfiguration {} changed meanwhile; publishing again", configuration);
            }
        }
        throw new IllegalStateException("MutatingWebhookConfiguration " + configuration + " kept changing: the CA"
                + " bundle was not published after " + ATTEMPTS + " attempts");
    }

    private MutatingWebhookConfiguration read() {
        MutatingWebhookConfiguration current;
        try {
            current = client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(configuration).get();
        } catch (KubernetesClientException e) {
            throw failure("cannot read", e);
        }
        if (current == null) {
            throw new IllegalStateException("MutatingWebhookConfiguration " + configuration + " does not exist: apply"
                    + " gitmesh's manifests (deploy/) before starting the injector");
        }
        return current;
    }

    private List<MutatingWebhook> owned(MutatingWebhookConfiguration current) {
        List<MutatingWebhook> all = Optional.ofNullable(current.getWebhooks()).orElse(List.of());
        List<MutatingWebhook> ours = all.stream().filter(webhook -> webhooks.contains(webhook.getName())).toList();
        Set<String> missing = new TreeSet<>(webhooks);
        ours.forEach(webhook -> missing.remove(webhook.getName()));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("MutatingWebhookConfiguration " + configuration + " has no webhook named "
                    + missing + " (it has " + all.stream().map(MutatingWebhook::getName).toList()
                    + "): check the webhook names configured for the injector against deploy/");
        }
        return ours;
    }

    private IllegalStateException failure(String what, KubernetesClientException e) {
        String message = Optional.ofNullable(e.getStatus()).map(Status::getMessage)
                .filter(text -> text != null && !text.isBlank()).orElse(e.getClass().getSimpleName());
        return new IllegalStateException(what + " MutatingWebhookConfiguration " + configuration + ": HTTP "
                + e.getCode() + " " + message + (e.getCode() == 403
                        ? " (the injector's ServiceAccount needs get and update on mutatingwebhookconfigurations)"
                        : ""), e);
    }
}
