package io.gitmesh.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SPIFFE ID of a workload identity: {@code spiffe://<trustDomain>/ns/<namespace>/sa/<serviceAccount>}
 * (DESIGN.md §4). Validated against the SPIFFE ID standard: the trust domain is made of lowercase
 * letters, digits, dots, dashes and underscores (at most 255 characters); each path segment of
 * letters, digits, dots, dashes and underscores, never {@code .} or {@code ..}; the whole ID at
 * most 2048 characters.
 */
public record SpiffeId(String trustDomain, String namespace, String serviceAccount) {
    public static final String SCHEME = "spiffe://";
    private static final int MAX_TRUST_DOMAIN_LENGTH = 255;
    private static final int MAX_LENGTH = 2048;
    private static final Pattern TRUST_DOMAIN = Pattern.compile("[a-z0-9._-]+");
    private static final Pattern SEGMENT = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern WORKLOAD_PATH = Pattern.compile("/ns/([^/]+)/sa/([^/]+)");

    public SpiffeId {
        if (!isValidTrustDomain(trustDomain)) {
            throw new IllegalArgumentException("not a SPIFFE trust domain: \"" + trustDomain
                    + "\" (lowercase letters, digits, '.', '-' and '_', at most 255 characters)");
        }
        requireSegment(namespace, "namespace");
        requireSegment(serviceAccount, "serviceAccount");
        if (format(trustDomain, namespace, serviceAccount).length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a SPIFFE ID has at most " + MAX_LENGTH + " characters");
        }
    }

    /** Reads {@code spiffe://<trustDomain>/ns/<namespace>/sa/<serviceAccount>}; empty for anything else. */
    public static Optional<SpiffeId> parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME) || uri.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String trustDomain = rest.substring(0, slash);
        var path = WORKLOAD_PATH.matcher(rest.substring(slash));
        if (!isValidTrustDomain(trustDomain) || !path.matches() || !isValidSegment(path.group(1))
                || !isValidSegment(path.group(2))) {
            return Optional.empty();
        }
        return Optional.of(new SpiffeId(trustDomain, path.group(1), path.group(2)));
    }

    public static boolean isValidTrustDomain(String trustDomain) {
        return trustDomain != null && trustDomain.length() <= MAX_TRUST_DOMAIN_LENGTH
                && TRUST_DOMAIN.matcher(trustDomain).matches();
    }

    public Identity identity() {
        return new Identity(namespace, serviceAccount);
    }

    /** The URI form, {@code spiffe://<trustDomain>/ns/<namespace>/sa/<serviceAccount>}. */
    public String uri() {
        return format(trustDomain, namespace, serviceAccount);
    }

    @Override
    public String toString() {
        return uri();
    }

    private static String format(String trustDomain, String namespace, String serviceAccount) {
        return SCHEME + trustDomain + "/ns/" + namespace + "/sa/" + serviceAccount;
    }

    private static boolean isValidSegment(String segment) {
        return segment != null && SEGMENT.matcher(segment).matches() && !segment.equals(".")
                && !segment.equals("..");
    }

    private static void requireSegment(String segment, String what) {
        if (!isValidSegment(segment)) {
            throw new IllegalArgumentException("not a SPIFFE path segment (" + what + "): \"" + segment
                    + "\" (letters, digits, '.', '-' and '_'; not '.' or '..')");
        }
    }
}
