package io.gitmesh.ca.certmanager;

import io.gitmesh.ca.CertificateSigningRequest;
import io.gitmesh.ca.Pem;
import io.gitmesh.ca.RejectedRequestException;
import io.gitmesh.model.SpiffeId;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The CSRs sent to cert-manager. cert-manager certifies the names a CSR asks for, so a CSR must ask for
 * exactly the workload's SPIFFE ID (the one URI SAN) and its DNS names: this class writes such CSRs for
 * keys generated here, and reads the names and checks the proof of possession of CSRs that workloads send.
 */
final class WorkloadCsr {
    /** What a CSR asks for, once its signature has been checked with the key it carries. */
    record Requested(SubjectPublicKeyInfo publicKey, List<String> uris, List<String> dnsNames) {
        Requested {
            uris = List.copyOf(uris);
            dnsNames = List.copyOf(dnsNames);
        }
    }

    private WorkloadCsr() {
    }

    /** An ECDSA P-256 key pair: the only key type workloads get. */
    static KeyPair generateKey(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate an ECDSA P-256 key", e);
        }
    }

    /**
     * A PEM CSR for {@code keys} asking for {@code identity} and {@code dnsNames}. Its subject is empty, as
     * X.509-SVIDs allow, so its SAN extension is marked critical (RFC 5280 §4.2.1.6).
     */
    static String build(KeyPair keys, SpiffeId identity, List<String> dnsNames, SecureRandom random) {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.uniformResourceIdentifier, identity.uri()));
        dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, true,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name(new RDN[0]),
                    keys.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setSecureRandom(random)
                            .build(keys.getPrivate()));
            return Pem.encode(Pem.CERTIFICATE_REQUEST, csr.getEncoded());
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot write a certificate signing request", e);
        }
    }

    /**
     * The key and names of a workload's CSR.
     *
     * @throws RejectedRequestException when it is not a PKCS#10 request or its signature does not verify
     *                                  with the key it carries (no proof of possession)
     */
    static Requested read(CertificateSigningRequest csr) {
        PKCS10CertificationRequest request;
        try {
            request = new PKCS10CertificationRequest(csr.der());
        } catch (IOException | RuntimeException e) {
            throw new RejectedRequestException("the certificate signing request is not a PKCS#10 request");
        }
        try {
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(request.getSubjectPublicKeyInfo()))) {
                throw new RejectedRequestException("the certificate signing request's signature does not verify with"
                        + " the key it carries: its sender does not prove it holds the private key");
            }
        } catch (OperatorCreationException | PKCSException e) {
            throw new RejectedRequestException("the certificate signing request's signature cannot be checked: "
                    + e.getMessage());
        }
        List<String> uris = new ArrayList<>();
        List<String> dnsNames = new ArrayList<>();
        Arrays.stream(request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest))
                .flatMap(attribute -> Arrays.stream(attribute.getAttributeValues()))
                .map(Extensions::getInstance)
                .map(extensions -> GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName))
                .filter(Objects::nonNull)
                .flatMap(names -> Arrays.stream(names.getNames()))
                .forEach(name -> {
                    switch (name.getTagNo()) {
                        case GeneralName.uniformResourceIdentifier ->
                                uris.add(ASN1IA5String.getInstance(name.getName()).getString());
                        case GeneralName.dNSName -> dnsNames.add(ASN1IA5String.getInstance(name.getName()).getString());
                        default -> {
                            // other names (e-mail, IP) are not part of an X.509-SVID; cert-manager checks the rest
                        }
                    }
                });
        return new Requested(request.getSubjectPublicKeyInfo(), uris, dnsNames);
    }
}
