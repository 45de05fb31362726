package io.gitmesh.injector.secrets;

import io.gitmesh.ca.rotation.RenewalPolicy;
import io.gitmesh.schema.policy.MeshConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How the per-pod Secret controller writes Secrets.
 *
 * @param xdsHost              the xDS server's host as pods reach it (the bootstrap's xDS cluster)
 * @param xdsPort              its port
 * @param certificateLifetime  of each pod's client certificate (MeshConfig {@code certificates.workloadLifetime})
 * @param renewal              when certificates are renewed (about half their life, with jitter)
 */
public record SecretControllerSettings(String xdsHost, int xdsPort, Duration certificateLifetime,
        RenewalPolicy renewal) {
    public SecretControllerSettings {
        if (xdsHost == null || xdsHost.isBlank()) {
            throw new IllegalArgumentException("the xDS host is empty");
        }
        if (xdsPort < 1 || xdsPort > 65535) {
            throw new IllegalArgumentException("not a port: " + xdsPort);
        }
        requirePositive(certificateLifetime, "certificate lifetime");
        Objects.requireNonNull(renewal, "renewal");
    }

    /** 24 h certificates renewed at 40-60 % of their life. */
    public static SecretControllerSettings of(String xdsHost, int xdsPort) {
        return new SecretControllerSettings(xdsHost, xdsPort, MeshConfig.DEFAULT_WORKLOAD_LIFETIME,
                RenewalPolicy.DEFAULT);
    }

    public SecretControllerSettings withCertificateLifetime(Duration lifetime) {
        return new SecretControllerSettings(xdsHost, xdsPort, lifetime, renewal);
    }

    private static void requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the " + what + " must be positive, not " + duration);
        }
    }
}
