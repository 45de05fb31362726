package io.gitmesh.injector.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BootstrapSecretTest {
    /** What Kubernetes accepts as a Secret's name (a DNS subdomain). */
    private static final String DNS_SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

    @Test
    void aNamedPodsSecretIsNamedAfterIt() {
        assertThat(BootstrapSecret.nameFor(meta("bookbuyer-0", null), Optional.of("uid")))
                .contains("gitmesh-sidecar-bookbuyer-0");
    }

    @Test
    void anUnnamedPodsSecretIsNamedAfterItsAdmissionRequest() {
        ObjectMeta unnamed = meta(null, "bookstore-v1-5d8f6c-");

        assertThat(BootstrapSecret.nameFor(unnamed, Optional.of("uid-1")))
                .as("the first 10 hex digits of SHA-256(\"uid-1\")")
                .contains("gitmesh-sidecar-bookstore-v1-5d8f6c-" + "4a49acf8a6");
        assertThat(BootstrapSecret.nameFor(unnamed, Optional.of("uid-2"))).isNotEqualTo(
                BootstrapSecret.nameFor(unnamed, Optional.of("uid-1")));
    }

    @Test
    void withoutANameOrARequestThereIsNoSecretYet() {
        assertThat(BootstrapSecret.nameFor(meta(null, "bookstore-"), Optional.empty())).isEmpty();
    }

    @Test
    void longNamesAreCutToKubernetesLimitAndStayDistinct() {
        String longName = "a".repeat(240) + ".b-c";
        String otherLongName = "a".repeat(240) + ".b-d";

        String secret = BootstrapSecret.nameFor(meta(longName, null), Optional.empty()).orElseThrow();
        String other = BootstrapSecret.nameFor(meta(otherLongName, null), Optional.empty()).orElseThrow();

        assertThat(secret).hasSizeLessThanOrEqualTo(253).matches(DNS_SUBDOMAIN).isNotEqualTo(other);
    }

    @Test
    void thePlaceholderIsNoPodsSecret() {
        assertThat(BootstrapSecret.PENDING).doesNotStartWith(BootstrapSecret.PREFIX).matches(DNS_SUBDOMAIN);
    }

    private static ObjectMeta meta(String name, String generateName) {
        return new ObjectMetaBuilder().withName(name).withGenerateName(generateName).build();
    }
}
