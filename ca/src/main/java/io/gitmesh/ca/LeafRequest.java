package io.gitmesh.ca;

import io.gitmesh.model.Identity;
import io.gitmesh.schema.policy.MeshConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a workload certificate is for: an identity, how long it lives, and DNS names to add where a
 * service is reached by name (the SPIFFE ID is always the one URI SAN).
 *
 * @param identity  the workload's ServiceAccount; its SPIFFE ID becomes the certificate's URI SAN
 * @param lifetime  from issuance to expiry (MeshConfig {@code certificates.workloadLifetime}, default 24 h);
 *                  an authority shortens it when its own certificate expires sooner
 * @param dnsNames  extra DNS SANs, lowercase, in the order given (duplicates removed)
 */
public record LeafRequest(Identity identity, Duration lifetime, List<String> dnsNames) {
    /** RFC 1123 host names, optionally with one leading wildcard label. */
    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final int MAX_DNS_NAME_LENGTH = 253;

    public LeafRequest {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a certificate lifetime must be positive, not " + lifetime);
        }
        dnsNames = dnsNames.stream().map(name -> name.toLowerCase(Locale.ROOT)).distinct().toList();
        for (String name : dnsNames) {
            if (name.length() > MAX_DNS_NAME_LENGTH || !DNS_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a DNS name: \"" + name
                        + "\" (letters, digits and '-' in dot-separated labels, e.g. bookstore.bookstore.svc)");
            }
        }
    }

    /** A certificate for {@code identity} with the default lifetime (24 h) and no DNS names. */
    public static LeafRequest of(Identity identity) {
        return new LeafRequest(identity, MeshConfig.DEFAULT_WORKLOAD_LIFETIME, List.of());
    }

    public LeafRequest withLifetime(Duration newLifetime) {
        return new LeafRequest(identity, newLifetime, dnsNames);
    }

    public LeafRequest withDnsNames(List<String> names) {
        return new LeafRequest(identity, lifetime, names);
    }
}
