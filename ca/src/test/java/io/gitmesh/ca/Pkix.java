package io.gitmesh.ca;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The JDK's PKIX validator as the judge of issued chains. */
public final class Pkix {
    private Pkix() {
    }

    /** Validates leaf + intermediates against {@code bundle} at {@code when}; throws when the JDK rejects the path. */
    public static void validate(IssuedCertificate issued, TrustBundle bundle, Instant when)
            throws CertPathValidatorException {
        List<X509Certificate> path = new ArrayList<>();
        path.add(issued.leaf());
        path.addAll(issued.chain().subList(0, issued.chain().size() - 1));
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(bundle.trustAnchors());
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(when));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isValid(IssuedCertificate issued, TrustBundle bundle, Instant when) {
        try {
            validate(issued, bundle, when);
            return true;
        } catch (CertPathValidatorException e) {
            return false;
        }
    }
}
