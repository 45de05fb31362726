package io.gitmesh.schema.normalize;

import java.util.regex.Pattern;

/** The name rules of Kubernetes (DNS-1123 subdomains and labels, DNS-1035 labels). */
final class DnsNames {
    private static final Pattern LABEL_1123 = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final int MAX_LABEL = 63;
    private static final int MAX_SUBDOMAIN = 253;

    static final String SUBDOMAIN_RULE = "lowercase letters, digits, '-' and '.', starting and ending with a letter"
            + " or digit, at most " + MAX_SUBDOMAIN + " characters";
    static final String LABEL_RULE = "lowercase letters, digits and '-', starting and ending with a letter or"
            + " digit, at most " + MAX_LABEL + " characters";
    static final String SERVICE_RULE = "lowercase letters, digits and '-', starting with a letter and ending with"
            + " a letter or digit, at most " + MAX_LABEL + " characters";

    private DnsNames() {
    }

    /** A DNS-1123 subdomain: the names of most objects (ServiceAccounts, Deployments, policy documents). */
    static boolean isSubdomain(String s) {
        if (s.isEmpty() || s.length() > MAX_SUBDOMAIN) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (!LABEL_1123.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** A DNS-1123 label: the names of Namespaces. */
    static boolean isLabel(String s) {
        return !s.isEmpty() && s.length() <= MAX_LABEL && LABEL_1123.matcher(s).matches();
    }

    /** A DNS-1035 label: the names of Services. */
    static boolean isServiceName(String s) {
        return !s.isEmpty() && s.length() <= MAX_LABEL && LABEL_1035.matcher(s).matches();
    }
}
