package io.gitmesh.injector.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitmesh.ca.CertificateAuthority;
import io.gitmesh.ca.CertificateSigningRequest;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.injector.bootstrap.SidecarBootstrap;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The controller's decisions carried out against the fabric8 CRUD API server, its entry points called
 * directly (the informers are {@link BootstrapSecretInformersTest}'s), time moved by hand.
 */
@EnableKubernetesMockClient(crud = true)
class BootstrapSecretControllerTest {
    private static final String NAMESPACE = "bookstore";
    private static final String SECRET = "gitmesh-sidecar-bookstore-v1";
    private static final String XDS_HOST = "gitmesh.gitmesh-system.svc";
    private static final int XDS_PORT = 15018;
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    KubernetesClient client;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    private final AtomicBoolean caDown = new AtomicBoolean();
    private BouncyCastleCertificateAuthority ca;
    private BootstrapSecretController controller;

    @BeforeEach
    void setUp() {
        ca = BouncyCastleCertificateAuthority.of(new CaMaterialGenerator(clock, RANDOM)
                .generate(CaSettings.of("cluster.local")), clock, RANDOM);
        controller = new BootstrapSecretController(client, failingWhileDown(ca),
                SecretControllerSettings.of(XDS_HOST, XDS_PORT).withCertificateLifetime(LIFETIME), clock,
                new Random(7));
    }

    @Test
    void aNewInjectedPodGetsItsBootstrapAndAClientCertificateForItsServiceAccount() throws Exception {
        Pod pod = create(InjectedPods.injected(NAMESPACE, "bookstore-v1", "bookstore"));

        controller.podChanged(pod);

        Secret secret = secret();
        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(secret.getData()).containsOnlyKeys("bootstrap.json", "cert.pem", "key.pem", "ca.pem");
        assertThat(secret.getMetadata().getLabels()).isEqualTo(BootstrapSecrets.LABELS);
        OwnerReference owner = secret.getMetadata().getOwnerReferences().getFirst();
        assertThat(List.of(owner.getApiVersion(), owner.getKind(), owner.getName(), owner.getUid()))
                .containsExactly("v1", "Pod", "bookstore-v1", pod.getMetadata().getUid());
        assertThat(text(secret, "bootstrap.json")).isEqualTo(SidecarBootstrap.json(pod, XDS_HOST, XDS_PORT));
        assertThat(text(secret, "ca.pem")).isEqualTo(ca.trustBundle().pem());
        X509Certificate leaf = validLeaf(secret);
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(
                List.of(6, "spiffe://cluster.local/ns/bookstore/sa/bookstore"));
        assertThat(keyMatches(secret, leaf)).isTrue();
        assertThat(secret.getMetadata().getAnnotations()).containsEntry(BootstrapSecrets.SPIFFE_ID_ANNOTATION,
                "spiffe://cluster.local/ns/bookstore/sa/bookstore");
        assertThat(controller.tracked()).isOne();
    }

    @Test
    void podsThatAreNotInjectedAreLeftAlone() {
        controller.podChanged(create(InjectedPods.plain(NAMESPACE, "bookstore-v1", "bookstore")));

        assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems()).isEmpty();
        assertThat(controller.tracked()).isZero();
    }

    @Test
    void theCertificateIsRenewedWhenDueAndNotBefore() throws Exception {
        controller.podChanged(create(InjectedPods.injected(NAMESPACE, "bookstore-v1", "bookstore")));
        X509Certificate first = validLeaf(secret());
        Instant due = controller.nextDue().orElseThrow();
        // 1 h from issue plus the 5 min clock-skew allowance before it, renewed at 40-60 % of that
        assertThat(due).isBetween(first.getNotBefore().toInstant().plus(Duration.ofMinutes(26)),
                first.getNotBefore().toInstant().plus(Duration.ofMinutes(39)));

        clock.advance(Duration.between(clock.instant(), due).minusSeconds(1));
        controller.check();
        assertThat(validLeaf(secret()).getSerialNumber()).isEqualTo(first.getSerialNumber());

        clock.advance(Duration.ofSeconds(1));
        controller.check();
        X509Certificate renewed = validLeaf(secret());
        assertThat(renewed.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        assertThat(renewed.getNotAfter()).isAfter(first.getNotAfter());
        assertThat(controller.nextDue().orElseThrow()).isAfter(clock.instant());
    }

    @Test
    void theServedCertificateNeverExpiresAsTimeGoesOn() throws Exception {
        controller.podChanged(create(InjectedPods.injected(NAMESPACE, "bookstore-v1", "bookstore")));
        int renewals = 0;
        X509Certificate previous = validLeaf(secret());

        for (int minute = 0; minute < 10 * 60; minute += 5) {
            clock.advance(Duration.ofMinutes(5));
            controller.check();
            X509Certificate current = validLeaf(secret());
            renewals += current.getSerialNumber().equals(previous.getSerialNumber()) ? 0 : 1;
            previous = current;
        }

        assertThat(renewals).isBetween(15, 25);
    }

    @Test
    void theSecretIsDeletedWithItsPod() {
        Pod pod = create(InjectedPods.injected(NAMESPACE, "bookstore-v1", "bookstore"));
        controller.podChanged(pod);

        client.pods().inNamespace(NAMESPACE).withName("bookstore-v1").delete();
        controller.podDeleted(pod);

        assertThat(client.secrets().inNamespace(NAMESPACE).withName(SECRET).get()).isNull();
        assertThat(controller.tracked()).isZero();
    }

    @Test
    void aSecretDeletedUnderALivePodIsWrittenAgain() throws Exception {
        controller.podChanged(create(InjectedPods.injected(NAMESPACE, "bookstore-v1", "bookstore")));
        Secret deleted = secret();
        client.secrets().inNamespace(NAMESPACE).withName(SECRET).delete();

        controller.secretDeleted(deleted);

        assertThat(validLeaf(secret()).getSerialNumber()).isNotEqualTo(validLeaf(deleted).getSerialNumber());
    }

    @Test
    void aNewPodOfTheSameNameTakesTheSecretOverAndKeepsItWhenTheOldOneIsDeleted() {
        Pod old = create(InjectedPods.injected(NAMESPACE, "bookstore-v1", "bookstore"));
        controller.podChanged(old);
        client.pods().inNamespace(NAMESPACE).withName("bookstore-v1").delete();
        Pod successor = create(InjectedPods.injected(NAMESPACE, "bookstore-v1", "bookstore"));
        assertThat(successor.getMetadata().getUid()).isNotEqualTo(old.getMetadata().getUid());

        controller.podChanged(successor);
        controller.podDeleted(old);

        assertThat(secret().getMetadata().getOwnerReferences().getFirst().getUid())
                .isEqualTo(successor.getMetadata().getUid());
    }

    @Test
    void aSecretThatIsNotGitmeshsIsNeverOverwritten() {
        Secret foreign = client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withNamespace(NAMESPACE).withName(SECRET).endMetadata()
                .withData(Map.of("password", base64("hunter2"))).build()).create();

        controller.podChanged(create(InjectedPods.injected(NAMESPACE, "bookstore-v1", "bookstore")));

        assertThat(secret().getData()).isEqualTo(foreign.getData());
        assertThat(controller.tracked()).isZero();
    }

    @Test
    void aFinishedPodsCertificateIsNoLongerRenewed() throws Exception {
        Pod pod = create(InjectedPods.injected(NAMESPACE, "bookstore-v1", "bookstore"));
        controller.podChanged(pod);
        X509Certificate issued = validLeaf(secret());

        controller.podChanged(new PodBuilder(pod).withNewStatus().withPhase("Succeeded").endStatus().build());
        clock.advance(Duration.ofHours(2));
        controller.check();

        assertThat(leaf(secret()).getSerialNumber()).isEqualTo(issued.getSerialNumber());
        assertThat(controller.tracked()).isZero();
    }

    @Test
    void aFailedWriteIsRetriedOnTheNextCheck() throws Exception {
        caDown.set(true);
        controller.podChanged(create(InjectedPods.injected(NAMESPACE, "bookstore-v1", "bookstore")));
        assertThat(client.secrets().inNamespace(NAMESPACE).withName(SECRET).get()).isNull();

        caDown.set(false);
        controller.check();

        validLeaf(secret());
    }

    private Pod create(Pod pod) {
        return client.pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    private Secret secret() {
        Secret secret = client.secrets().inNamespace(NAMESPACE).withName(SECRET).get();
        assertThat(secret).as("Secret %s/%s", NAMESPACE, SECRET).isNotNull();
        return secret;
    }

    /** The leaf in cert.pem, after the JDK's PKIX validator accepted it against ca.pem at the clock's time. */
    private X509Certificate validLeaf(Secret secret) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = certificates(text(secret, "cert.pem"));
        PKIXParameters parameters = new PKIXParameters(TrustBundle.of("cluster.local",
                certificates(text(secret, "ca.pem")).getFirst()).trustAnchors());
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(clock.instant()));
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(chain), parameters);
        return chain.getFirst();
    }

    private static X509Certificate leaf(Secret secret) throws Exception {
        return certificates(text(secret, "cert.pem")).getFirst();
    }

    private static boolean keyMatches(Secret secret, X509Certificate leaf) throws Exception {
        String pem = text(secret, "key.pem");
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(leaf.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        return verifier.verify(signature);
    }

    private static List<X509Certificate> certificates(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                .map(X509Certificate.class::cast).toList();
    }

    private static String text(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The CA, refusing to issue while {@link #caDown} is set (an external issuer that is away). */
    private CertificateAuthority failingWhileDown(CertificateAuthority delegate) {
        return new CertificateAuthority() {
            @Override
            public String trustDomain() {
                return delegate.trustDomain();
            }

            @Override
            public IssuedCertificate issue(LeafRequest request, CertificateSigningRequest csr) {
                throw new UnsupportedOperationException("the controller generates keys");
            }

            @Override
            public IssuedCertificate issueWithNewKey(LeafRequest request) {
                if (caDown.get()) {
                    throw new IllegalStateException("the CA is away");
                }
                return delegate.issueWithNewKey(request);
            }

            @Override
            public TrustBundle trustBundle() {
                return delegate.trustBundle();
            }
        };
    }
}
