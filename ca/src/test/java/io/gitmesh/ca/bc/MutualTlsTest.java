package io.gitmesh.ca.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.Svid;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.model.Identity;
import io.gitmesh.model.SpiffeId;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two workloads talk TLS 1.3 with client authentication through the JDK's own TLS stack (SSLEngine, in
 * memory), each side checking the chain against the trust bundle and the peer's SPIFFE ID.
 */
class MutualTlsTest {
    private static final Identity BOOKBUYER = new Identity("bookbuyer", "bookbuyer");
    private static final Identity BOOKSTORE = new Identity("bookstore", "bookstore");
    private static final Identity BOOKTHIEF = new Identity("bookthief", "bookthief");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static BouncyCastleCertificateAuthority ca;

    @BeforeAll
    static void createCa() {
        // the JDK's TLS stack checks validity against the real time, so this CA uses it too
        ca = BouncyCastleCertificateAuthority.of(new CaMaterialGenerator(Clock.systemUTC(), RANDOM)
                .generate(CaSettings.of("cluster.local").withIntermediate(true)), Clock.systemUTC(), RANDOM);
    }

    @Test
    void bothSidesSeeThePeersSpiffeId() throws Exception {
        Peer client = new Peer(ca.issueWithNewKey(LeafRequest.of(BOOKBUYER)), ca.trustBundle(), spiffe(BOOKSTORE));
        Peer server = new Peer(ca.issueWithNewKey(LeafRequest.of(BOOKSTORE)), ca.trustBundle(), spiffe(BOOKBUYER));

        String reply = exchange(client, server);

        assertThat(reply).isEqualTo("hello from the server");
        assertThat(client.peersSeen).containsExactly(spiffe(BOOKSTORE));
        assertThat(server.peersSeen).containsExactly(spiffe(BOOKBUYER));
    }

    @Test
    void theServerRefusesAClientWithAnotherIdentity() throws Exception {
        Peer thief = new Peer(ca.issueWithNewKey(LeafRequest.of(BOOKTHIEF)), ca.trustBundle(), spiffe(BOOKSTORE));
        Peer server = new Peer(ca.issueWithNewKey(LeafRequest.of(BOOKSTORE)), ca.trustBundle(), spiffe(BOOKBUYER));

        assertThatThrownBy(() -> exchange(thief, server)).isInstanceOf(SSLException.class);
        assertThat(server.refusals).singleElement().asString()
                .contains("spiffe://cluster.local/ns/bookthief/sa/bookthief");
    }

    @Test
    void theServerRefusesAClientFromAnotherCa() throws Exception {
        BouncyCastleCertificateAuthority other = BouncyCastleCertificateAuthority.of(
                new CaMaterialGenerator(Clock.systemUTC(), RANDOM).generate(CaSettings.of("cluster.local")),
                Clock.systemUTC(), RANDOM);
        Peer impostor = new Peer(other.issueWithNewKey(LeafRequest.of(BOOKBUYER)), ca.trustBundle(), spiffe(BOOKSTORE));
        Peer server = new Peer(ca.issueWithNewKey(LeafRequest.of(BOOKSTORE)), ca.trustBundle(), spiffe(BOOKBUYER));

        assertThatThrownBy(() -> exchange(impostor, server)).isInstanceOf(SSLHandshakeException.class);
        assertThat(server.peersSeen).isEmpty();
    }

    private static SpiffeId spiffe(Identity identity) {
        return identity.spiffeId("cluster.local");
    }

    /** One side of a connection: its certificate and key, the bundle it trusts and the peer it expects. */
    private static final class Peer {
        final SSLContext context;
        final List<SpiffeId> peersSeen = new ArrayList<>();
        final List<String> refusals = new ArrayList<>();

        Peer(IssuedCertificate own, TrustBundle bundle, SpiffeId expectedPeer) throws Exception {
            char[] password = "test".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            List<X509Certificate> presented = new ArrayList<>(List.of(own.leaf()));
            presented.addAll(own.chain().subList(0, own.chain().size() - 1));
            keys.setKeyEntry("workload", own.privateKey().orElseThrow(), password,
                    presented.toArray(X509Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
            keyManagers.init(keys, password);

            KeyStore roots = KeyStore.getInstance("PKCS12");
            roots.load(null, null);
            for (int i = 0; i < bundle.roots().size(); i++) {
                roots.setCertificateEntry("root-" + i, bundle.roots().get(i));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
            trustManagers.init(roots);
            X509ExtendedTrustManager chainCheck = (X509ExtendedTrustManager) trustManagers.getTrustManagers()[0];

            context = SSLContext.getInstance("TLSv1.3");
            context.init(keyManagers.getKeyManagers(), new TrustManager[] {new ExpectedPeer(chainCheck, expectedPeer)},
                    RANDOM);
        }

        /** The bundle decides whether the chain is good; then the peer must be the one expected. */
        private final class ExpectedPeer extends X509ExtendedTrustManager {
            private final X509ExtendedTrustManager chainCheck;
            private final SpiffeId expected;

            ExpectedPeer(X509ExtendedTrustManager chainCheck, SpiffeId expected) {
                this.chainCheck = chainCheck;
                this.expected = expected;
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                chainCheck.checkClientTrusted(chain, authType, engine);
                checkIdentity(chain);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                chainCheck.checkServerTrusted(chain, authType, engine);
                checkIdentity(chain);
            }

            private void checkIdentity(X509Certificate[] chain) throws CertificateException {
                SpiffeId peer = Svid.spiffeId(chain[0]).orElseThrow(() -> new CertificateException("no SPIFFE ID"));
                if (!peer.equals(expected)) {
                    refusals.add(peer.uri());
                    throw new CertificateException("peer is " + peer + ", expected " + expected);
                }
                peersSeen.add(peer);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                throw new UnsupportedOperationException("engine only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                throw new UnsupportedOperationException("engine only");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("engine only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("engine only");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return chainCheck.getAcceptedIssuers();
            }
        }
    }

    /**
     * Client says hello, server answers, both through TLS records shuttled in memory; returns the answer
     * the client read. A failed handshake surfaces as the SSLException of the side that refused.
     */
    private static String exchange(Peer clientPeer, Peer serverPeer) throws SSLException {
        SSLEngine client = clientPeer.context.createSSLEngine("bookstore", 443);
        client.setUseClientMode(true);
        SSLEngine server = serverPeer.context.createSSLEngine();
        server.setUseClientMode(false);
        server.setNeedClientAuth(true);

        ByteBuffer clientOut = ByteBuffer.wrap("hello from the client".getBytes(StandardCharsets.UTF_8));
        ByteBuffer serverOut = ByteBuffer.wrap("hello from the server".getBytes(StandardCharsets.UTF_8));
        int packet = client.getSession().getPacketBufferSize();
        ByteBuffer clientToServer = ByteBuffer.allocate(packet * 4);
        ByteBuffer serverToClient = ByteBuffer.allocate(packet * 4);
        int application = client.getSession().getApplicationBufferSize();
        ByteBuffer clientIn = ByteBuffer.allocate(application * 2);
        ByteBuffer serverIn = ByteBuffer.allocate(application * 2);

        for (int round = 0; round < 50 && clientIn.position() < serverOut.capacity(); round++) {
            step(client.wrap(clientOut, clientToServer), client);
            step(server.wrap(serverOut, serverToClient), server);
            clientToServer.flip();
            serverToClient.flip();
            step(client.unwrap(serverToClient, clientIn), client);
            step(server.unwrap(clientToServer, serverIn), server);
            clientToServer.compact();
            serverToClient.compact();
        }
        assertThat(new String(serverIn.array(), 0, serverIn.position(), StandardCharsets.UTF_8))
                .isEqualTo("hello from the client");
        return new String(clientIn.array(), 0, clientIn.position(), StandardCharsets.UTF_8);
    }

    private static void step(SSLEngineResult result, SSLEngine engine) {
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
        }
    }
}
