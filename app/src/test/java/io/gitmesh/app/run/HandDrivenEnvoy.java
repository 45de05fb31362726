package io.gitmesh.app.run;

import static io.envoyproxy.controlplane.cache.Resources.V3.SECRET_TYPE_URL;

import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.store.CertificateChains;
import io.gitmesh.model.Identity;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.testing.MutualTlsChannels;
import io.gitmesh.xds.testing.Nodes;
import io.gitmesh.xds.testing.SotwStream;
import io.grpc.ManagedChannel;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * An Envoy sidecar of shop/web played by hand: it connects over mTLS with a certificate of the CA in the
 * state given, subscribes to its SDS secrets, and accepts a response only when the test says — so it
 * holds a root rotation's stage for as long as the test wants.
 */
final class HandDrivenEnvoy implements AutoCloseable {
    private static final Identity WEB = new Identity("shop", "web");

    private final ManagedChannel channel;
    private final SotwStream stream;

    private HandDrivenEnvoy(ManagedChannel channel, SotwStream stream) {
        this.channel = channel;
        this.stream = stream;
    }

    /** Connects to the xDS server on {@code xdsPort} and subscribes; the first response is waiting. */
    static HandDrivenEnvoy connect(int xdsPort, CaState ca) {
        IssuedCertificate certificate = BouncyCastleCertificateAuthority.of(ca.signer(), Clock.systemUTC(),
                new SecureRandom()).issueWithNewKey(LeafRequest.of(WEB));
        ManagedChannel channel = MutualTlsChannels.presenting(xdsPort, certificate, ca.trustBundle());
        SotwStream stream = SotwStream.open(channel, Nodes.of("shop/web-envoy",
                SnapshotGroup.of("shop", "web", Flavour.ENVOY)), true);
        stream.request(SECRET_TYPE_URL, List.of());
        return new HandDrivenEnvoy(channel, stream);
    }

    /** The next secrets pushed, not accepted yet. */
    DiscoveryResponse next() {
        return stream.next(SECRET_TYPE_URL);
    }

    void accept(DiscoveryResponse secrets) {
        stream.ack(secrets);
    }

    /** The roots of the response's trust bundle. */
    static List<Fingerprint> bundleOf(DiscoveryResponse secrets) {
        return CertificateChains.parse(bundlePem(secrets)).stream().map(Fingerprint::of).toList();
    }

    /** The root of the response's own bundle that signed its workload certificate. */
    static Fingerprint issuerOf(DiscoveryResponse secrets) {
        X509Certificate leaf = CertificateChains.parse(secret(secrets, "certificate:shop/web").getTlsCertificate()
                .getCertificateChain().getInlineString()).getFirst();
        return CertificateChains.issuerOf(leaf, CertificateChains.parse(bundlePem(secrets))).map(Fingerprint::of)
                .orElseThrow(() -> new AssertionError("no root of the bundle signed the certificate"));
    }

    @Override
    public void close() {
        stream.close();
        channel.shutdownNow();
    }

    private static String bundlePem(DiscoveryResponse secrets) {
        return secret(secrets, "trust-bundle:cluster.local").getValidationContext().getTrustedCa().getInlineString();
    }

    private static Secret secret(DiscoveryResponse response, String name) {
        return response.getResourcesList().stream().map(any -> {
            try {
                return any.unpack(Secret.class);
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }).filter(secret -> secret.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no secret " + name));
    }
}
