package io.gitmesh.ca.bc;

import io.gitmesh.ca.CertificateSigningRequest;
import io.gitmesh.ca.RejectedRequestException;
import java.io.IOException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcRSAContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Checks a PKCS#10 request and returns the key to certify. Only the key and the proof that the requester
 * holds its private half are used: subject and requested extensions are ignored, because the identity
 * comes from the caller, who has authenticated the workload.
 */
final class CsrVerifier {
    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_RSA_BITS = 4096;
    private static final String ACCEPTED = "use ECDSA P-256 (recommended), P-384, or RSA with 2048 to 4096 bits";

    private CsrVerifier() {
    }

    static SubjectPublicKeyInfo verifiedKey(CertificateSigningRequest csr) {
        PKCS10CertificationRequest request = parse(csr);
        SubjectPublicKeyInfo key = request.getSubjectPublicKeyInfo();
        requireAcceptedKey(key);
        boolean valid;
        try {
            valid = request.isSignatureValid(verifierFor(key));
        } catch (PKCSException e) {
            throw new RejectedRequestException("the CSR signature cannot be checked (" + e.getMessage()
                    + "): sign it with SHA-256 and the algorithm of its key");
        }
        if (!valid) {
            throw new RejectedRequestException("the CSR signature does not verify with the public key in the CSR:"
                    + " the requester must sign the request with the matching private key (proof of possession)");
        }
        return key;
    }

    /**
     * Bouncy Castle's lightweight verifiers: for a key seen once, they cost half of what the JCA path
     * does, which spends as long again turning the key into a JCA object.
     */
    private static ContentVerifierProvider verifierFor(SubjectPublicKeyInfo key) {
        try {
            AsymmetricKeyParameter publicKey = PublicKeyFactory.createKey(key);
            DefaultDigestAlgorithmIdentifierFinder digests = new DefaultDigestAlgorithmIdentifierFinder();
            return Bc.isRsa(key) ? new BcRSAContentVerifierProviderBuilder(digests).build(publicKey)
                    : new BcECContentVerifierProviderBuilder(digests).build(publicKey);
        } catch (IOException | RuntimeException | OperatorCreationException e) {
            // a point off the curve surfaces as IllegalArgumentException
            throw new RejectedRequestException("the CSR's public key cannot be read: " + e.getMessage());
        }
    }

    private static PKCS10CertificationRequest parse(CertificateSigningRequest csr) {
        try {
            return new PKCS10CertificationRequest(csr.der());
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle reports malformed DER with IllegalArgumentException or ClassCastException as well
            throw new RejectedRequestException("not a PKCS#10 certificate signing request: " + e.getMessage());
        }
    }

    private static void requireAcceptedKey(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            ASN1Encodable curve = key.getAlgorithm().getParameters();
            if (!SECObjectIdentifiers.secp256r1.equals(curve) && !SECObjectIdentifiers.secp384r1.equals(curve)) {
                throw new RejectedRequestException("the CSR's EC key is not on curve P-256 or P-384 (" + curve + "): "
                        + ACCEPTED);
            }
        } else if (Bc.isRsa(key)) {
            int bits = rsaModulusBits(key);
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw new RejectedRequestException("the CSR's RSA key has " + bits + " bits: " + ACCEPTED);
            }
        } else {
            throw new RejectedRequestException("the CSR's key algorithm " + algorithm + " is not accepted: " + ACCEPTED);
        }
    }

    private static int rsaModulusBits(SubjectPublicKeyInfo key) {
        try {
            return RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength();
        } catch (IOException | RuntimeException e) {
            throw new RejectedRequestException("the CSR's RSA key cannot be read: " + e.getMessage());
        }
    }
}
