package io.gitmesh.injector.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CA bundle written into gitmesh's webhooks of a MutatingWebhookConfiguration on the fabric8 CRUD API server. */
@EnableKubernetesMockClient(crud = true)
class KubernetesCaBundlePublisherTest {
    private static final String CONFIGURATION = "gitmesh-sidecar-injector";
    private static final String OURS = "sidecar-injector.gitmesh.io";
    private static final String FOREIGN = "policy.example.com";
    private static final String FOREIGN_BUNDLE = Base64.getEncoder().encodeToString("theirs".getBytes(StandardCharsets.US_ASCII));
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    KubernetesClient client;

    @BeforeEach
    void applyTheManifest() {
        client.admissionRegistration().v1().mutatingWebhookConfigurations().resource(
                new MutatingWebhookConfigurationBuilder().withNewMetadata().withName(CONFIGURATION).endMetadata()
                        .addNewWebhook().withName(OURS).withNewClientConfig().withCaBundle("")
                        .withNewService().withNamespace("gitmesh-system").withName("gitmesh-injector")
                        .withPath("/mutate-pods").endService().endClientConfig()
                        .withSideEffects("None").withAdmissionReviewVersions("v1").endWebhook()
                        .addNewWebhook().withName(FOREIGN).withNewClientConfig().withCaBundle(FOREIGN_BUNDLE)
                        .withUrl("https://policy.example.com/mutate").endClientConfig()
                        .withSideEffects("None").withAdmissionReviewVersions("v1").endWebhook()
                        .build()).create();
    }

    @Test
    void writesTheBundleIntoGitmeshsWebhookOnly() {
        publisher().publish(PEM);

        assertThat(webhook(OURS).getClientConfig().getCaBundle())
                .isEqualTo(Base64.getEncoder().encodeToString(PEM.getBytes(StandardCharsets.US_ASCII)));
        assertThat(webhook(OURS).getClientConfig().getService().getPath()).isEqualTo("/mutate-pods");
        assertThat(webhook(FOREIGN).getClientConfig().getCaBundle()).isEqualTo(FOREIGN_BUNDLE);
    }

    @Test
    void publishingTheSameBundleAgainWritesNothing() {
        publisher().publish(PEM);
        String version = configuration().getMetadata().getResourceVersion();

        publisher().publish(PEM);

        assertThat(configuration().getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void aNewBundleReplacesTheOldOne() {
        publisher().publish(PEM);
        String renewed = PEM + PEM;

        publisher().publish(renewed);

        assertThat(webhook(OURS).getClientConfig().getCaBundle())
                .isEqualTo(Base64.getEncoder().encodeToString(renewed.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aMissingConfigurationSaysToApplyTheManifests() {
        assertThatThrownBy(() -> new KubernetesCaBundlePublisher(client, "absent", Set.of(OURS)).publish(PEM))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("MutatingWebhookConfiguration absent does not exist: apply gitmesh's manifests (deploy/)"
                        + " before starting the injector");
    }

    @Test
    void aMissingWebhookNamesWhatIsThere() {
        assertThatThrownBy(() -> new KubernetesCaBundlePublisher(client, CONFIGURATION, Set.of("typo.gitmesh.io"))
                .publish(PEM))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("MutatingWebhookConfiguration gitmesh-sidecar-injector has no webhook named"
                        + " [typo.gitmesh.io] (it has [sidecar-injector.gitmesh.io, policy.example.com]): check the"
                        + " webhook names configured for the injector against deploy/");
        assertThat(webhook(OURS).getClientConfig().getCaBundle()).isEmpty();
    }

    private KubernetesCaBundlePublisher publisher() {
        return new KubernetesCaBundlePublisher(client, CONFIGURATION, Set.of(OURS));
    }

    private MutatingWebhookConfiguration configuration() {
        return client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(CONFIGURATION).get();
    }

    private MutatingWebhook webhook(String name) {
        return configuration().getWebhooks().stream().filter(w -> w.getName().equals(name)).findFirst().orElseThrow();
    }
}
