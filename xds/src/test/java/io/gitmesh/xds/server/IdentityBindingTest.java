package io.gitmesh.xds.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.model.Identity;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.testing.TestCa;
import java.lang.reflect.Proxy;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which peer certificate may serve which group. */
class IdentityBindingTest {
    private static final SnapshotGroup WEB = SnapshotGroup.of("shop", "web", Flavour.ENVOY);
    private static final TestCa CA = TestCa.create();
    private static final IdentityBinding BOUND = IdentityBinding.to("cluster.local");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("its own identity", BOUND, session(CA.issue(new Identity("shop", "web")).leaf()), ""),
                Arguments.of("another service account", BOUND,
                        session(CA.issue(new Identity("shop", "mobile")).leaf()), "identity"),
                Arguments.of("another namespace", BOUND,
                        session(CA.issue(new Identity("bank", "web")).leaf()), "identity"),
                Arguments.of("another trust domain", BOUND, session(TestCa.create("example.org", Clock.systemUTC())
                        .issue(new Identity("shop", "web")).leaf()), "trust-domain"),
                Arguments.of("a CA certificate", BOUND, session(CA.bundle().roots().getFirst()), "not-an-svid"),
                Arguments.of("no certificate", BOUND, session(null), "no-client-certificate"),
                Arguments.of("no TLS session", BOUND, null, "no-client-certificate"),
                Arguments.of("plaintext binds nothing", IdentityBinding.none(), null, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aStreamMayServeOnlyTheGroupOfItsCertificate(String name, IdentityBinding binding, SSLSession session,
            String reason) {
        Optional<IdentityBinding.Refusal> refusal = binding.refusal(session, WEB);

        assertThat(refusal.map(IdentityBinding.Refusal::reason).orElse("")).isEqualTo(reason);
    }

    /** A TLS session whose peer presented {@code leaf} (null: none). */
    private static SSLSession session(X509Certificate leaf) {
        return (SSLSession) Proxy.newProxyInstance(IdentityBindingTest.class.getClassLoader(),
                new Class<?>[] {SSLSession.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getPeerCertificates")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (leaf == null) {
                        throw new SSLPeerUnverifiedException("no peer certificate");
                    }
                    return new Certificate[] {leaf};
                });
    }
}
