package io.gitmesh.ca.certmanager;

import io.gitmesh.ca.TrustBundle;
import io.gitmesh.model.SpiffeId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to ask cert-manager for certificates.
 *
 * @param namespace    where the CertificateRequests are created (a namespaced {@code Issuer} must live there too)
 * @param issuer       the cert-manager issuer that signs them
 * @param trustDomain  the SPIFFE trust domain the issuer certifies, e.g. {@code cluster.local}
 * @param timeout      how long to wait for a request to be signed (default 30 s)
 * @param trustBundle  the roots peers trust; when empty, the issuer's CA from the first signed request's
 *                     {@code status.ca} is used
 */
public record CertManagerSettings(String namespace, IssuerRef issuer, String trustDomain, Duration timeout,
        Optional<TrustBundle> trustBundle) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * A cert-manager issuer reference ({@code spec.issuerRef}).
     *
     * @param name   the issuer's name
     * @param kind   {@code Issuer} (namespaced) or {@code ClusterIssuer}, or an external issuer's kind
     * @param group  {@code cert-manager.io}, or an external issuer's API group
     */
    public record IssuerRef(String name, String kind, String group) {
        public static final String DEFAULT_GROUP = "cert-manager.io";

        public IssuerRef {
            requireText(name, "issuer name");
            requireText(kind, "issuer kind");
            requireText(group, "issuer group");
        }

        /** A cert-manager {@code Issuer} in the requests' namespace. */
        public static IssuerRef issuer(String name) {
            return new IssuerRef(name, "Issuer", DEFAULT_GROUP);
        }

        /** A cert-manager {@code ClusterIssuer}. */
        public static IssuerRef clusterIssuer(String name) {
            return new IssuerRef(name, "ClusterIssuer", DEFAULT_GROUP);
        }

        @Override
        public String toString() {
            return kind + "." + group + "/" + name;
        }
    }

    public CertManagerSettings {
        requireText(namespace, "namespace");
        Objects.requireNonNull(issuer, "issuer");
        if (!SpiffeId.isValidTrustDomain(trustDomain)) {
            throw new IllegalArgumentException("not a SPIFFE trust domain: \"" + trustDomain + "\"");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
        }
        Objects.requireNonNull(trustBundle, "trustBundle");
        trustBundle.ifPresent(bundle -> {
            if (!bundle.trustDomain().equals(trustDomain)) {
                throw new IllegalArgumentException("the trust bundle is for " + bundle.trustDomain() + ", not "
                        + trustDomain);
            }
        });
    }

    /** Requests in {@code namespace} to {@code issuer}, a 30 s timeout, the bundle learned from cert-manager. */
    public static CertManagerSettings of(String namespace, IssuerRef issuer, String trustDomain) {
        return new CertManagerSettings(namespace, issuer, trustDomain, DEFAULT_TIMEOUT, Optional.empty());
    }

    public CertManagerSettings withTimeout(Duration newTimeout) {
        return new CertManagerSettings(namespace, issuer, trustDomain, newTimeout, trustBundle);
    }

    public CertManagerSettings withTrustBundle(TrustBundle bundle) {
        return new CertManagerSettings(namespace, issuer, trustDomain, timeout, Optional.of(bundle));
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the cert-manager " + what + " is empty");
        }
    }
}
