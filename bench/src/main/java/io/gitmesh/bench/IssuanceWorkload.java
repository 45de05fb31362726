package io.gitmesh.bench;

import io.gitmesh.ca.CertificateSigningRequest;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.model.Identity;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * What the issuance benchmarks issue: a CA as {@code gitmesh run} would build it (ECDSA P-256 root, the JDK's
 * DRBG) and workloads' P-256 CSRs made in advance, as workloads make them before they ask.
 */
final class IssuanceWorkload {
    final BouncyCastleCertificateAuthority ca;
    final List<LeafRequest> requests = new ArrayList<>();
    final List<CertificateSigningRequest> csrs = new ArrayList<>();

    IssuanceWorkload(int workloads) throws GeneralSecurityException {
        SecureRandom random = drbg();
        ca = BouncyCastleCertificateAuthority.of(new CaMaterialGenerator(Clock.systemUTC(), random)
                .generate(CaSettings.of("cluster.local")), Clock.systemUTC(), random);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        for (int i = 0; i < workloads; i++) {
            requests.add(LeafRequest.of(new Identity("namespace-" + i % 50, "service-" + i)));
            csrs.add(csr(generator.generateKeyPair()));
        }
    }

    static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no DRBG", e);
        }
    }

    private static CertificateSigningRequest csr(KeyPair keys) {
        try {
            return CertificateSigningRequest.fromDer(new JcaPKCS10CertificationRequestBuilder(
                    new X500Name("CN=workload"), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
                    .getEncoded());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
