package io.gitmesh.ca.certmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gitmesh.ca.CertificateSigningRequest;
import io.gitmesh.ca.Csrs;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.Pkix;
import io.gitmesh.ca.RejectedRequestException;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.ca.certmanager.CertManagerSettings.IssuerRef;
import io.gitmesh.model.Identity;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cert-manager issuer against the fabric8 CRUD API server, with {@link TestSigner} in cert-manager's place
 * signing with our Bouncy Castle CA; what comes back is judged by the JDK's CertPathValidator.
 */
@EnableKubernetesMockClient(crud = true)
class CertManagerIssuerTest {
    private static final String NAMESPACE = "gitmesh";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Identity BOOKSTORE = new Identity("bookstore", "bookstore");
    private static final CertManagerSettings SETTINGS = CertManagerSettings.of(NAMESPACE,
            IssuerRef.issuer("mesh-ca"), "cluster.local").withTimeout(Duration.ofSeconds(20));

    KubernetesClient mockClient;
    KubernetesMockServer server;

    /**
     * The mock API server's client, patient: the mock server can block its event loop for about 10 s
     * when a watch is closed while it sends events (as the issuer's wait for an answer does), and a
     * request in that window would otherwise time out.
     */
    private KubernetesClient client;

    private BouncyCastleCertificateAuthority signingCa;
    private TestSigner signer;

    @BeforeEach
    void startSigner() {
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(mockClient.getConfiguration())
                .withRequestTimeout(60_000).build()).build();
        Clock clock = Clock.systemUTC();
        signingCa = BouncyCastleCertificateAuthority.of(new CaMaterialGenerator(clock, RANDOM)
                .generate(CaSettings.of("cluster.local").withIntermediate(true)), clock, RANDOM);
        signer = new TestSigner(client, NAMESPACE, signingCa);
    }

    /**
     * Leaves the mock server free to stop: closing a watch while it sends events can block its event loop
     * for about 10 s, and the server would fail to stop in that time. A request from a client without
     * watches goes through only once the loop is free again.
     */
    @AfterEach
    void stopSigner() {
        signer.close();
        requestsLeft();
        client.close();
        mockClient.close();
    }

    @Test
    void aNewKeyIsGeneratedHereAndItsCertificateChainsToTheIssuersCa() throws Exception {
        CertManagerIssuer issuer = issuer(SETTINGS);

        IssuedCertificate issued = issuer.issueWithNewKey(LeafRequest.of(BOOKSTORE).withLifetime(Duration.ofHours(1))
                .withDnsNames(List.of("bookstore.bookstore.svc")));

        assertThat(issued.privateKey()).isPresent();
        assertThat(issued.privateKey().get().getAlgorithm()).isEqualTo("EC");
        assertThat(issued.spiffeId().uri()).isEqualTo("spiffe://cluster.local/ns/bookstore/sa/bookstore");
        assertThat(issued.leaf().getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(issued.chain()).hasSize(2).last().isEqualTo(signingCa.trustBundle().roots().getFirst());
        assertThat(issuer.trustBundle()).isEqualTo(signingCa.trustBundle());
        Pkix.validate(issued, issuer.trustBundle(), Instant.now());
        assertThat(issued.validity().length()).isLessThanOrEqualTo(Duration.ofHours(1).plusMinutes(5));
    }

    @Test
    void theRequestCarriesTheCsrTheIssuerUsagesAndDurationAndIsDeletedOnceRead() {
        issuer(SETTINGS).issueWithNewKey(LeafRequest.of(BOOKSTORE).withLifetime(Duration.ofMinutes(90)));

        GenericKubernetesResource sent = signer.received().getFirst();
        Map<?, ?> spec = (Map<?, ?>) sent.getAdditionalProperties().get("spec");
        assertThat(sent.getApiVersion()).isEqualTo("cert-manager.io/v1");
        assertThat(sent.getMetadata().getName()).startsWith("gitmesh-bookstore-bookstore-");
        assertThat(sent.getMetadata().getAnnotations())
                .containsEntry("gitmesh.io/spiffe-id", "spiffe://cluster.local/ns/bookstore/sa/bookstore");
        assertThat(spec.get("issuerRef")).isEqualTo(Map.of("name", "mesh-ca", "kind", "Issuer",
                "group", "cert-manager.io"));
        assertThat(spec.get("usages")).isEqualTo(List.of("digital signature", "client auth", "server auth"));
        assertThat(spec.get("duration")).isEqualTo("1h30m0s");
        assertThat(spec.get("isCA")).isEqualTo(false);
        assertThat(requestsLeft()).isEmpty();
    }

    @Test
    void aWorkloadCsrAskingForItsOwnIdentityIsSignedWithoutAKeyInTheResult() throws Exception {
        KeyPair workload = WorkloadCsr.generateKey(RANDOM);
        CertificateSigningRequest csr = CertificateSigningRequest.fromPem(WorkloadCsr.build(workload,
                BOOKSTORE.spiffeId("cluster.local"), List.of(), RANDOM));
        CertManagerIssuer issuer = issuer(SETTINGS);

        IssuedCertificate issued = issuer.issue(LeafRequest.of(BOOKSTORE), csr);

        assertThat(issued.privateKey()).isEmpty();
        assertThat(issued.leaf().getPublicKey()).isEqualTo(workload.getPublic());
        Pkix.validate(issued, issuer.trustBundle(), Instant.now());
    }

    @Test
    void aCsrAskingForAnotherIdentityIsRefusedBeforeAnythingIsSent() {
        CertificateSigningRequest csr = CertificateSigningRequest.fromPem(WorkloadCsr.build(
                WorkloadCsr.generateKey(RANDOM), new Identity("bookstore", "admin").spiffeId("cluster.local"),
                List.of(), RANDOM));

        assertThatThrownBy(() -> issuer(SETTINGS).issue(LeafRequest.of(BOOKSTORE), csr))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessage("cert-manager certifies the names a CSR asks for, so the CSR must ask for exactly the URI"
                        + " SAN spiffe://cluster.local/ns/bookstore/sa/bookstore and the DNS names []; it asks for URIs"
                        + " [spiffe://cluster.local/ns/bookstore/sa/admin] and DNS names []");
        assertThat(signer.received()).isEmpty();
    }

    @Test
    void aCsrWithoutProofOfPossessionIsRefused() {
        KeyPair claimed = Csrs.ecKeys("secp256r1");
        CertificateSigningRequest forged = Csrs.signed(claimed.getPublic(), Csrs.ecKeys("secp256r1").getPrivate());

        assertThatThrownBy(() -> issuer(SETTINGS).issue(LeafRequest.of(BOOKSTORE), forged))
                .isInstanceOf(RejectedRequestException.class)
                .hasMessageContaining("signature does not verify with the key it carries");
        assertThat(signer.received()).isEmpty();
    }

    @Test
    void aDeniedRequestSaysWhoDeniedItAndWhy() {
        signer.answer(TestSigner.Mode.DENY);

        assertThatThrownBy(() -> issuer(SETTINGS).issueWithNewKey(LeafRequest.of(BOOKSTORE)))
                .isInstanceOf(CertManagerException.class)
                .hasMessageMatching("cert-manager refused CertificateRequest gitmesh/gitmesh-bookstore-bookstore-[\\w-]+"
                        + " for spiffe://cluster.local/ns/bookstore/sa/bookstore \\(issuer Issuer.cert-manager.io/mesh-ca\\):"
                        + " Denied PolicyDenied: identity not allowed");
        assertThat(requestsLeft()).isEmpty();
    }

    @Test
    void aFailedRequestCarriesTheIssuersReason() {
        signer.answer(TestSigner.Mode.FAIL);

        assertThatThrownBy(() -> issuer(SETTINGS).issueWithNewKey(LeafRequest.of(BOOKSTORE)))
                .isInstanceOf(CertManagerException.class)
                .hasMessageEndingWith("Ready Failed: issuer not ready");
    }

    @Test
    void anUnansweredRequestTimesOutWithAClearErrorAndIsCleanedUp() {
        signer.answer(TestSigner.Mode.IGNORE);
        CertManagerIssuer issuer = issuer(SETTINGS.withTimeout(Duration.ofMillis(500)));

        assertThatThrownBy(() -> issuer.issueWithNewKey(LeafRequest.of(BOOKSTORE)))
                .isInstanceOf(CertManagerException.class)
                .hasMessageMatching("cert-manager did not sign CertificateRequest gitmesh/gitmesh-bookstore-bookstore-[\\w-]+"
                        + " within 0.5 s: check that cert-manager is running, that the issuer"
                        + " Issuer.cert-manager.io/mesh-ca exists and is Ready, and that requests to it are approved");
        assertThat(signer.received()).hasSize(1);
        assertThat(requestsLeft()).isEmpty();
    }

    @Test
    void aCertificateForAnotherIdentityIsNotAccepted() {
        signer.answer(TestSigner.Mode.SIGN_FOR_ANOTHER_IDENTITY);

        assertThatThrownBy(() -> issuer(SETTINGS).issueWithNewKey(LeafRequest.of(BOOKSTORE)))
                .isInstanceOf(CertManagerException.class)
                .hasMessageContaining("came back with a certificate for spiffe://cluster.local/ns/intruder/sa/intruder,"
                        + " not spiffe://cluster.local/ns/bookstore/sa/bookstore");
    }

    @Test
    void aConfiguredBundleIsUsedWhenCertManagerNamesNoCa() throws Exception {
        signer.answer(TestSigner.Mode.SIGN_WITHOUT_CA);
        TrustBundle configured = signingCa.trustBundle();
        CertManagerIssuer issuer = issuer(SETTINGS.withTrustBundle(configured));
        assertThat(issuer.trustBundle()).isEqualTo(configured);

        IssuedCertificate issued = issuer.issueWithNewKey(LeafRequest.of(BOOKSTORE));

        Pkix.validate(issued, configured, Instant.now());
    }

    @Test
    void withoutAConfiguredBundleOrAnyCaThereIsNoBundle() {
        signer.answer(TestSigner.Mode.SIGN_WITHOUT_CA);
        CertManagerIssuer issuer = issuer(SETTINGS);

        assertThatThrownBy(issuer::trustBundle).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no trust bundle yet");
        assertThatThrownBy(() -> issuer.issueWithNewKey(LeafRequest.of(BOOKSTORE)))
                .isInstanceOf(CertManagerException.class)
                .hasMessageEndingWith("names no CA (status.ca is empty) and no trust bundle is configured: configure"
                        + " the issuer's CA as the trust bundle");
    }

    @Test
    void aBundleOfAnotherCaIsNotTrustedForWhatCertManagerSigns() {
        Clock clock = Clock.systemUTC();
        TrustBundle unrelated = BouncyCastleCertificateAuthority.of(new CaMaterialGenerator(clock, RANDOM)
                .generate(CaSettings.of("cluster.local")), clock, RANDOM).trustBundle();

        assertThatThrownBy(() -> issuer(SETTINGS.withTrustBundle(unrelated)).issueWithNewKey(LeafRequest.of(BOOKSTORE)))
                .isInstanceOf(CertManagerException.class)
                .hasMessageContaining("which chains to no root of the trust bundle");
    }

    @Test
    void withoutCertManagerInstalledTheErrorSaysSo() {
        server.expect().post().withPath("/apis/cert-manager.io/v1/namespaces/gitmesh/certificaterequests")
                .andReturn(404, new StatusBuilder().withCode(404).withReason("NotFound")
                        .withMessage("the server could not find the requested resource").build())
                .once();

        assertThatThrownBy(() -> issuer(SETTINGS).issueWithNewKey(LeafRequest.of(BOOKSTORE)))
                .isInstanceOf(CertManagerException.class)
                .hasMessage("cannot create a CertificateRequest in namespace gitmesh: HTTP 404 the server could not"
                        + " find the requested resource (are cert-manager's CRDs installed?)");
    }

    private CertManagerIssuer issuer(CertManagerSettings settings) {
        return new CertManagerIssuer(client, settings, RANDOM);
    }

    private List<GenericKubernetesResource> requestsLeft() {
        return client.genericKubernetesResources(CertificateRequests.CONTEXT).inNamespace(NAMESPACE).list().getItems();
    }
}
