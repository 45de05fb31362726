package io.gitmesh.xds.secrets;

import static io.envoyproxy.controlplane.cache.Resources.V3.LISTENER_TYPE_URL;
import static io.envoyproxy.controlplane.cache.Resources.V3.SECRET_TYPE_URL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.MutableClock;
import io.gitmesh.ca.Svid;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.model.Identity;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.testing.GrpcResources;
import io.gitmesh.xds.testing.Nodes;
import io.gitmesh.xds.testing.SotwStream;
import io.gitmesh.xds.testing.TestCa;
import io.gitmesh.xds.testing.XdsServerFixture;
import io.gitmesh.xds.translate.ResourceNames;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SDS secrets over a hand-driven ADS stream: each Envoy group's own two, renewed by the clock, rotated roots. */
class SdsPublisherTest {
    private static final SnapshotGroup WEB = SnapshotGroup.of("shop", "web", Flavour.ENVOY);
    private static final SnapshotGroup MOBILE = SnapshotGroup.of("shop", "mobile", Flavour.ENVOY);
    private static final SnapshotGroup GRPC_WEB = SnapshotGroup.of("shop", "web", Flavour.GRPC);
    private static final String WEB_CERTIFICATE = ResourceNames.workloadCertificate(new Identity("shop", "web"));
    private static final String BUNDLE = ResourceNames.trustBundle("cluster.local");
    private static final Duration LIFETIME = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final TestCa ca = TestCa.create("cluster.local", clock);
    private XdsServerFixture xds;
    private SdsPublisher sds;

    @BeforeEach
    void start() {
        xds = XdsServerFixture.start();
        sds = new SdsPublisher(xds.server(), ca.signing(), LIFETIME, clock, new SplittableRandom(7));
        sds.publish(Map.of(WEB, config("web"), MOBILE, config("mobile"), GRPC_WEB, config("grpc-web")))
                .join();
    }

    @AfterEach
    void stop() {
        sds.close();
        xds.close();
    }

    @Test
    void anEnvoyGroupReceivesItsOwnCertificateAndTheTrustBundleAndNothingElse() throws Exception {
        try (SotwStream web = SotwStream.open(xds.channel(), Nodes.of("shop/web-0", WEB), true)) {
            web.request(SECRET_TYPE_URL, List.of());

            Map<String, Secret> secrets = secrets(web.next(SECRET_TYPE_URL));

            assertThat(secrets).containsOnlyKeys(WEB_CERTIFICATE, BUNDLE);
            X509Certificate leaf = leaf(secrets.get(WEB_CERTIFICATE));
            assertThat(Svid.spiffeId(leaf).orElseThrow().uri()).isEqualTo("spiffe://cluster.local/ns/shop/sa/web");
            assertThat(secrets.get(WEB_CERTIFICATE).getTlsCertificate().getPrivateKey().getInlineString())
                    .startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(roots(secrets.get(BUNDLE))).isEqualTo(ca.bundle().fingerprints());
        }
    }

    @Test
    void askingForAnotherIdentitysSecretByNameGetsNothing() {
        try (SotwStream web = SotwStream.open(xds.channel(), Nodes.of("shop/web-0", WEB), true)) {
            web.request(SECRET_TYPE_URL, List.of(ResourceNames.workloadCertificate(new Identity("shop", "mobile"))));
            web.request(LISTENER_TYPE_URL, List.of());

            // the stream answers in order: a secret answered would come before the listeners
            assertThat(web.next().getTypeUrl()).isEqualTo(LISTENER_TYPE_URL);
        }
    }

    @Test
    void aProxylessGroupGetsNoSecrets() {
        try (SotwStream grpc = SotwStream.open(xds.channel(), Nodes.of("shop/web-1", GRPC_WEB), true)) {
            grpc.request(SECRET_TYPE_URL, List.of());

            assertThat(grpc.next(SECRET_TYPE_URL).getResourcesList()).isEmpty();
        }
    }

    @Test
    void aCertificateIsRenewedAndPushedBeforeTheOldOneExpires() throws Exception {
        try (SotwStream web = SotwStream.open(xds.channel(), Nodes.of("shop/web-0", WEB), true)) {
            web.request(SECRET_TYPE_URL, List.of());
            DiscoveryResponse first = web.next(SECRET_TYPE_URL);
            web.ack(first);
            X509Certificate old = leaf(secrets(first).get(WEB_CERTIFICATE));

            clock.advance(Duration.ofMinutes(35));
            assertThat(sds.renewDue()).contains(new Identity("shop", "web"), new Identity("shop", "mobile"));

            X509Certificate renewed = leaf(secrets(web.next(SECRET_TYPE_URL)).get(WEB_CERTIFICATE));
            assertThat(renewed.getSerialNumber()).isNotEqualTo(old.getSerialNumber());
            assertThat(clock.instant()).isBefore(old.getNotAfter().toInstant());
            assertThat(renewed.getNotAfter().toInstant()).isAfter(old.getNotAfter().toInstant());
        }
    }

    @Test
    void certificatesIssuedAfterALifetimeChangeHaveTheNewLifetime() throws Exception {
        sds.useLifetime(Duration.ofHours(6));
        sds.publish(Map.of(WEB, config("web"), SnapshotGroup.of("shop", "batch", Flavour.ENVOY), config("batch")))
                .join();

        try (SotwStream batch = SotwStream.open(xds.channel(), Nodes.of("shop/batch-0",
                SnapshotGroup.of("shop", "batch", Flavour.ENVOY)), true)) {
            batch.request(SECRET_TYPE_URL, List.of());
            X509Certificate leaf = leaf(secrets(batch.next(SECRET_TYPE_URL))
                    .get(ResourceNames.workloadCertificate(new Identity("shop", "batch"))));

            assertThat(Duration.between(clock.instant(), leaf.getNotAfter().toInstant()))
                    .isBetween(Duration.ofHours(5), Duration.ofHours(6));
        }
    }

    @Test
    void anIdentityWithoutAGroupAnyMoreIsNoLongerRenewed() {
        sds.publish(Map.of(WEB, config("web"))).join();
        clock.advance(Duration.ofMinutes(35));

        assertThat(sds.renewDue()).containsExactly(new Identity("shop", "web"));
    }

    @Test
    void nothingIsRenewedBeforeItIsDue() {
        clock.advance(Duration.ofMinutes(10));

        assertThat(sds.renewDue()).isEmpty();
    }

    @Test
    void aRenewalLeavesTheOtherResourcesAlone() {
        try (SotwStream web = SotwStream.open(xds.channel(), Nodes.of("shop/web-0", WEB), true)) {
            web.request(LISTENER_TYPE_URL, List.of());
            web.ack(web.next(LISTENER_TYPE_URL));
            web.request(SECRET_TYPE_URL, List.of());
            web.ack(web.next(SECRET_TYPE_URL));

            clock.advance(Duration.ofMinutes(35));
            sds.renewDue();

            DiscoveryResponse pushed = web.next();
            assertThat(pushed.getTypeUrl()).isEqualTo(SECRET_TYPE_URL);
            web.ack(pushed);
            assertThat(web.responsesSoFar()).isEmpty();
        }
    }

    @Test
    void everyRootRotationStageRepublishesTheSecrets() throws Exception {
        TestCa next = TestCa.create("cluster.local", clock);
        TrustBundle both = ca.bundle().with(next.bundle().roots().getFirst());
        try (SotwStream web = SotwStream.open(xds.channel(), Nodes.of("shop/web-0", WEB), true)) {
            web.request(SECRET_TYPE_URL, List.of());
            web.ack(web.next(SECRET_TYPE_URL));

            sds.useAuthority(ca.withTrustBundle(both).signing());
            Map<String, Secret> trusting = awaitSecrets(web, s -> roots(s.get(BUNDLE)).size() == 2);
            assertThat(issuer(trusting)).isEqualTo(ca.authority().root());

            sds.useAuthority(new SigningAuthority(next.authority().withTrustBundle(both), next.authority().root()));
            Map<String, Secret> issuing = awaitSecrets(web, s -> issuer(s).equals(next.authority().root()));
            assertThat(roots(issuing.get(BUNDLE))).hasSize(2);

            sds.useAuthority(next.signing());
            Map<String, Secret> settled = awaitSecrets(web, s -> roots(s.get(BUNDLE)).size() == 1);
            assertThat(roots(settled.get(BUNDLE))).containsExactly(next.authority().root());
            assertThat(issuer(settled)).isEqualTo(next.authority().root());
        }
    }

    @Test
    void aRootRotationStageCountsTheEnvoysYetToAcceptItsSecretsAndTheCertificatesOfTheOldRoot() {
        TestCa next = TestCa.create("cluster.local", clock);
        TrustBundle both = ca.bundle().with(next.bundle().roots().getFirst());
        try (SotwStream web = SotwStream.open(xds.channel(), Nodes.of("shop/web-0", WEB), true);
                SotwStream grpc = SotwStream.open(xds.channel(), Nodes.of("shop/web-1", GRPC_WEB), true)) {
            web.request(SECRET_TYPE_URL, List.of());
            web.ack(web.next(SECRET_TYPE_URL));
            grpc.request(LISTENER_TYPE_URL, List.of());
            grpc.ack(grpc.next(LISTENER_TYPE_URL));
            await().atMost(Duration.ofSeconds(5)).until(() -> sds.proxiesAwaitingSecrets() == 0);

            sds.useAuthority(ca.withTrustBundle(both).signing());
            assertThat(sds.proxiesAwaitingSecrets()).as("web holds the one-root bundle").isOne();
            DiscoveryResponse trusting = web.next(SECRET_TYPE_URL);
            assertThat(sds.proxiesAwaitingSecrets()).as("sent, not yet accepted").isOne();
            web.ack(trusting);
            await().atMost(Duration.ofSeconds(5)).until(() -> sds.proxiesAwaitingSecrets() == 0);
            assertThat(sds.liveCertificatesOf(ca.authority().root())).as("web and mobile").isEqualTo(2);

            sds.useAuthority(new SigningAuthority(next.authority().withTrustBundle(both), next.authority().root()));

            assertThat(sds.liveCertificatesOf(ca.authority().root())).isZero();
            assertThat(sds.liveCertificatesOf(next.authority().root())).isEqualTo(2);
            assertThat(sds.proxiesAwaitingSecrets()).as("web may still present its old certificate").isOne();
            web.ack(web.next(SECRET_TYPE_URL));
            await().atMost(Duration.ofSeconds(5)).until(() -> sds.proxiesAwaitingSecrets() == 0);
        }
    }

    /** Reads and ACKs secret responses until one satisfies {@code wanted}. */
    private static Map<String, Secret> awaitSecrets(SotwStream stream, Predicate<Map<String, Secret>> wanted) {
        for (int i = 0; i < 5; i++) {
            DiscoveryResponse response = stream.next(SECRET_TYPE_URL);
            stream.ack(response);
            Map<String, Secret> secrets = secrets(response);
            if (wanted.test(secrets)) {
                return secrets;
            }
        }
        throw new AssertionError("no wanted secrets in five responses");
    }

    private static ProxyConfig config(String service) {
        SequencedMap<String, Integer> weights = new LinkedHashMap<>();
        weights.put(service + "-v1", 100);
        return GrpcResources.service(service, weights, Map.of(service + "-v1", List.of(8081)));
    }

    private static Map<String, Secret> secrets(DiscoveryResponse response) {
        Map<String, Secret> byName = new LinkedHashMap<>();
        for (Any any : response.getResourcesList()) {
            try {
                Secret secret = any.unpack(Secret.class);
                byName.put(secret.getName(), secret);
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }
        return byName;
    }

    private static X509Certificate leaf(Secret secret) {
        return certificates(secret.getTlsCertificate().getCertificateChain().getInlineString()).getFirst();
    }

    private static Fingerprint issuer(Map<String, Secret> secrets) {
        X509Certificate leaf = leaf(secrets.get(WEB_CERTIFICATE));
        return certificates(secrets.get(BUNDLE).getValidationContext().getTrustedCa().getInlineString()).stream()
                .filter(root -> signs(root, leaf))
                .map(Fingerprint::of)
                .findFirst().orElseThrow(() -> new AssertionError("no root of the bundle signed the leaf"));
    }

    private static boolean signs(X509Certificate root, X509Certificate leaf) {
        try {
            leaf.verify(root.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static List<Fingerprint> roots(Secret bundle) {
        return certificates(bundle.getValidationContext().getTrustedCa().getInlineString()).stream()
                .map(Fingerprint::of).toList();
    }

    static List<X509Certificate> certificates(String pem) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (CertificateException e) {
            throw new AssertionError(e);
        }
    }
}
