package io.gitmesh.ca;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A PKCS#10 certificate signing request as received, not yet checked (the authority checks it). */
public final class CertificateSigningRequest {
    private final byte[] der;

    private CertificateSigningRequest(byte[] der) {
        this.der = der;
    }

    public static CertificateSigningRequest fromDer(byte[] der) {
        if (der.length == 0) {
            throw new RejectedRequestException("the certificate signing request is empty");
        }
        return new CertificateSigningRequest(der.clone());
    }

    /**
     * Reads exactly one {@code CERTIFICATE REQUEST} block ({@code NEW CERTIFICATE REQUEST}, as older
     * tools write it, is read too).
     */
    public static CertificateSigningRequest fromPem(String pem) {
        List<byte[]> blocks;
        try {
            blocks = new ArrayList<>(Pem.decode(Pem.CERTIFICATE_REQUEST, pem));
            blocks.addAll(Pem.decode("NEW " + Pem.CERTIFICATE_REQUEST, pem));
        } catch (IllegalArgumentException e) {
            throw new RejectedRequestException("the certificate signing request is not readable PEM: " + e.getMessage());
        }
        if (blocks.size() != 1) {
            throw new RejectedRequestException("expected one PEM block \"BEGIN " + Pem.CERTIFICATE_REQUEST
                    + "\", found " + blocks.size());
        }
        return fromDer(blocks.getFirst());
    }

    public byte[] der() {
        return der.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateSigningRequest other && Arrays.equals(der, other.der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "CertificateSigningRequest[" + der.length + " bytes]";
    }
}
