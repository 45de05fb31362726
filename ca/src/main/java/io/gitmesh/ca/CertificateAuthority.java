package io.gitmesh.ca;

/**
 * Issues workload certificates (X.509-SVIDs) for one SPIFFE trust domain (DESIGN.md §4).
 *
 * <p>The caller decides which identity a certificate is for, after it has authenticated the workload (a
 * pod's ServiceAccount, a stream bound to a peer certificate): names asked for inside a CSR are ignored.
 * Implementations are thread-safe and never block on IO while issuing.
 */
public interface CertificateAuthority {
    /** The trust domain of every identity this authority certifies, e.g. {@code cluster.local}. */
    String trustDomain();

    /**
     * Certifies the public key of a PKCS#10 request. The request must prove possession of its private
     * key: its signature must verify with the key it carries.
     *
     * @throws RejectedRequestException when the CSR is malformed, its signature does not verify, or its
     *         key is of a kind workloads may not use
     */
    IssuedCertificate issue(LeafRequest request, CertificateSigningRequest csr);

    /**
     * Generates an ECDSA P-256 key pair for the workload and certifies it. For callers that deliver the
     * key themselves (SDS secrets, per-pod Secrets, {@code gitmesh ca issue}); the key is in the result.
     */
    IssuedCertificate issueWithNewKey(LeafRequest request);

    /** The roots a peer must trust to verify what this authority issues (more than one during a root rotation). */
    TrustBundle trustBundle();
}
