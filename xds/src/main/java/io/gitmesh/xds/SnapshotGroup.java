package io.gitmesh.xds;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The key of a snapshot group: every workload with the same identity (namespace and service account),
 * the same {@link Flavour} and the same served ports receives the same {@link ProxyConfig}, so a change
 * is computed and serialized once per group, not once per proxy.
 *
 * <p>{@link #id()} is a stable string, {@code <namespace>/<serviceAccount>/<flavour>[/<port>,<port>...]},
 * for example {@code bookstore/bookstore-v1/envoy/8080,9090}; ports are kept sorted and distinct.
 *
 * @param namespace      Kubernetes namespace, a DNS-1123 label
 * @param serviceAccount Kubernetes service account name, a DNS-1123 subdomain
 * @param flavour        the kind of xDS client
 * @param ports          the ports the workloads serve, sorted and distinct; may be empty
 */
public record SnapshotGroup(String namespace, String serviceAccount, Flavour flavour, List<Integer> ports)
        implements Comparable<SnapshotGroup> {
    private static final char SEPARATOR = '/';
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    public SnapshotGroup {
        Objects.requireNonNull(flavour, "flavour");
        require(namespace, DNS_LABEL, "namespace");
        require(serviceAccount, DNS_SUBDOMAIN, "service account");
        ports = sortedPorts(Objects.requireNonNull(ports, "ports"));
    }

    /** A group without served ports. */
    public static SnapshotGroup of(String namespace, String serviceAccount, Flavour flavour) {
        return new SnapshotGroup(namespace, serviceAccount, flavour, List.of());
    }

    /** The stable string key of this group, see the class comment. */
    public String id() {
        String base = namespace + "/" + serviceAccount + "/" + flavour.wireName();
        return ports.isEmpty() ? base : base + "/" + portList();
    }

    /** The ports as decimal numbers separated by commas, e.g. {@code 8080,9090}; empty if none. */
    public String portList() {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /**
     * The order of {@link #id()}s, without building them. The id joins the parts with {@code /}, which no
     * namespace, service account or flavour contains: where one part is a prefix of the other, the longer
     * one's next character meets the separator, exactly as in the ids.
     */
    @Override
    public int compareTo(SnapshotGroup other) {
        int order = compareParts(namespace, other.namespace);
        if (order == 0) {
            order = compareParts(serviceAccount, other.serviceAccount);
        }
        if (order == 0) {
            order = compareParts(flavour.wireName(), other.flavour.wireName());
        }
        if (order == 0 && !ports.equals(other.ports)) {
            order = ports.isEmpty() || other.ports.isEmpty()
                    ? Boolean.compare(!ports.isEmpty(), !other.ports.isEmpty())
                    : portList().compareTo(other.portList());
        }
        return order;
    }

    @Override
    public String toString() {
        return id();
    }

    /** {@code a + "/"} against {@code b + "/"} as strings (never equal unless {@code a} and {@code b} are). */
    private static int compareParts(String a, String b) {
        int order = a.compareTo(b);
        int common = Math.min(a.length(), b.length());
        if (order == 0 || order != a.length() - b.length() || !a.regionMatches(0, b, 0, common)) {
            return order;
        }
        // one is a prefix of the other: the longer one's next character meets the separator
        return a.length() < b.length() ? SEPARATOR - b.charAt(common) : a.charAt(common) - SEPARATOR;
    }

    private static void require(String value, Pattern pattern, String what) {
        Objects.requireNonNull(value, what);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " \"" + value + "\" is not a Kubernetes name");
        }
    }

    private static List<Integer> sortedPorts(Collection<Integer> ports) {
        for (Integer port : ports) {
            if (port == null || port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " is outside 1-65535");
            }
        }
        return List.copyOf(new TreeSet<>(ports));
    }
}
