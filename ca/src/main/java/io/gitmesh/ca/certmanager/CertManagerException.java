package io.gitmesh.ca.certmanager;

/**
 * cert-manager did not sign: it denied or failed the request, did not answer in time, or answered with a
 * certificate that is not the one asked for. The message names the CertificateRequest and says what to check.
 */
public final class CertManagerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CertManagerException(String message) {
        super(message);
    }

    public CertManagerException(String message, Throwable cause) {
        super(message, cause);
    }
}
