package io.gitmesh.injector.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.injector.mutate.BootstrapSecret;
import io.gitmesh.injector.mutate.SidecarLayout;
import io.gitmesh.model.Identity;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The bootstrap Secret's shape: which Secret a pod mounts, and reading back what one holds. */
class BootstrapSecretsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Clock CLOCK = Clock.systemUTC();
    private static final BouncyCastleCertificateAuthority CA = BouncyCastleCertificateAuthority.of(
            new CaMaterialGenerator(CLOCK, RANDOM).generate(CaSettings.of("cluster.local").withIntermediate(true)),
            CLOCK, RANDOM);

    static Stream<Arguments> mounts() {
        Pod injected = InjectedPods.injected("bookstore", "bookstore-v1", "bookstore");
        return Stream.of(
                Arguments.of("the webhook's name", injected, Optional.of("gitmesh-sidecar-bookstore-v1")),
                Arguments.of("not injected", InjectedPods.plain("bookstore", "bookstore-v1", "bookstore"),
                        Optional.empty()),
                Arguments.of("the placeholder", withBootstrapSecret(injected, BootstrapSecret.PENDING), Optional.empty()),
                Arguments.of("a Secret the webhook never names", withBootstrapSecret(injected, "database-password"),
                        Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mounts")
    void theSecretIsTheOneTheBootstrapVolumeMountsIfGitmeshNamedIt(String name, Pod pod, Optional<String> expected) {
        assertThat(BootstrapSecrets.secretName(pod)).isEqualTo(expected);
    }

    @Test
    void aPodWithoutServiceAccountIsTheDefaultOne() {
        assertThat(BootstrapSecrets.identity(InjectedPods.plain("bookstore", "b", null)))
                .isEqualTo(new Identity("bookstore", "default"));
    }

    @Test
    void aWrittenSecretReadsBackWithItsOwnerAndItsRootThroughTheIntermediate() {
        Pod pod = new PodBuilder(InjectedPods.injected("bookstore", "bookstore-v1", "bookstore"))
                .editMetadata().withUid("uid-1").endMetadata().build();
        IssuedCertificate issued = CA.issueWithNewKey(LeafRequest.of(new Identity("bookstore", "bookstore")));

        Secret secret = BootstrapSecrets.build(pod, "gitmesh-sidecar-bookstore-v1", "{}", issued, CA.trustBundle());
        StoredSecret stored = BootstrapSecrets.read(secret, "bookstore-v1");

        assertThat(stored.managed()).isTrue();
        assertThat(stored.ownerUid()).contains("uid-1");
        assertThat(stored.bootstrap()).contains("{}");
        assertThat(stored.trustBundle()).contains(CA.trustBundle().pem());
        assertThat(stored.certificate()).contains(new StoredSecret.Certificate(Fingerprint.of(issued.root()),
                issued.validity()));
        assertThat(BootstrapSecrets.read(secret, "another-pod").ownerUid()).isEmpty();
    }

    @Test
    void aDamagedSecretReadsAsHavingNoCertificate() {
        Pod pod = new PodBuilder(InjectedPods.injected("bookstore", "bookstore-v1", "bookstore"))
                .editMetadata().withUid("uid-1").endMetadata().build();
        Secret written = BootstrapSecrets.build(pod, "gitmesh-sidecar-bookstore-v1", "{}",
                CA.issueWithNewKey(LeafRequest.of(new Identity("bookstore", "bookstore"))), CA.trustBundle());
        Map<String, String> data = new HashMap<>(written.getData());
        data.put("cert.pem", "not base64!");
        Secret damaged = new SecretBuilder(written).withData(data).build();

        assertThat(BootstrapSecrets.read(damaged, "bookstore-v1").certificate()).isEmpty();
        assertThat(BootstrapSecrets.read(damaged, "bookstore-v1").managed()).isTrue();
    }

    private static Pod withBootstrapSecret(Pod pod, String secretName) {
        return new PodBuilder(pod).editSpec().editMatchingVolume(v -> v.getName().equals(SidecarLayout.BOOTSTRAP_VOLUME))
                .editSecret().withSecretName(secretName).endSecret().endVolume().endSpec().build();
    }
}
