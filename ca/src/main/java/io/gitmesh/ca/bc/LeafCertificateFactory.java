package io.gitmesh.ca.bc;

import io.gitmesh.ca.CaCredential;
import io.gitmesh.ca.LeafRequest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Builds and signs leaf X.509-SVIDs. Everything that does not depend on the request (issuer name,
 * authority key identifier, the signer) is prepared once; a {@link ContentSigner} is not thread-safe, so
 * each thread gets its own, built on first use from the same key.
 *
 * <p>Profile: empty subject; exactly one URI SAN, the SPIFFE ID, plus the requested DNS SANs, the
 * extension critical because the subject is empty (RFC 5280 §4.2.1.6); basicConstraints critical, not a
 * CA; keyUsage critical digitalSignature, plus keyEncipherment for RSA keys; extendedKeyUsage serverAuth
 * and clientAuth; subject and authority key identifiers; a random 128-bit serial; notBefore set back by
 * {@link Bc#CLOCK_SKEW_ALLOWANCE}; notAfter the issue time plus the lifetime, cut to the signer's expiry.
 */
final class LeafCertificateFactory {
    private static final ExtendedKeyUsage SERVER_AND_CLIENT = new ExtendedKeyUsage(
            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth});
    private static final KeyUsage EC_KEY_USAGE = new KeyUsage(KeyUsage.digitalSignature);
    private static final KeyUsage RSA_KEY_USAGE = new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
    private static final X500Name EMPTY_SUBJECT = new X500Name(new RDN[0]);

    private final String trustDomain;
    private final X509Certificate signerCertificate;
    private final X500Name issuer;
    private final AuthorityKeyIdentifier authorityKeyIdentifier;
    private final SecureRandom random;
    private final ThreadLocal<ContentSigner> contentSigner;

    LeafCertificateFactory(String trustDomain, CaCredential signer, SecureRandom random) {
        this.trustDomain = trustDomain;
        this.signerCertificate = signer.certificate();
        this.issuer = X500Name.getInstance(signerCertificate.getSubjectX500Principal().getEncoded());
        this.authorityKeyIdentifier = Bc.authorityKeyIdentifier(signerCertificate);
        this.random = random;
        this.contentSigner = ThreadLocal.withInitial(() -> Bc.contentSigner(signer.key(), random));
    }

    X509Certificate sign(LeafRequest request, SubjectPublicKeyInfo key, Instant now) {
        Instant signerExpiry = signerCertificate.getNotAfter().toInstant();
        if (!signerExpiry.isAfter(now)) {
            throw new IllegalStateException("the signing certificate " + signerCertificate.getSubjectX500Principal()
                    + " expired at " + signerExpiry + ": rotate the CA before issuing more certificates");
        }
        Instant wanted = now.plus(request.lifetime());
        Instant notAfter = wanted.isBefore(signerExpiry) ? wanted : signerExpiry;
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, Bc.serialNumber(random),
                Bc.seconds(now.minus(Bc.CLOCK_SKEW_ALLOWANCE)), Bc.seconds(notAfter), EMPTY_SUBJECT, key);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, Bc.isRsa(key) ? RSA_KEY_USAGE : EC_KEY_USAGE)
                    .addExtension(Extension.extendedKeyUsage, false, SERVER_AND_CLIENT)
                    .addExtension(Extension.subjectAlternativeName, true, subjectAlternativeNames(request))
                    .addExtension(Extension.subjectKeyIdentifier, false, Bc.subjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier);
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode a leaf certificate extension", e);
        }
        return Bc.certificate(builder.build(contentSigner.get()));
    }

    private GeneralNames subjectAlternativeNames(LeafRequest request) {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.uniformResourceIdentifier, request.identity().spiffeId(trustDomain).uri()));
        for (String dnsName : request.dnsNames()) {
            names.add(new GeneralName(GeneralName.dNSName, dnsName));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }
}
