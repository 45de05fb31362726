package io.gitmesh.schema.normalize;

import java.util.List;
import java.util.Optional;

/**
 * A Service as a client names it: a short name or one of its FQDN forms, {@code name},
 * {@code name.ns}, {@code name.ns.svc}, {@code name.ns.svc.cluster} or
 * {@code name.ns.svc.cluster.local}.
 *
 * @param namespace the namespace the name spells out, or null for a short name
 */
record ServiceName(String name, String namespace) {
    private static final List<String> SUFFIX = List.of("svc", "cluster", "local");

    static final String FORMS = "<name>, <name>.<namespace>, <name>.<namespace>.svc,"
            + " <name>.<namespace>.svc.cluster or <name>.<namespace>.svc.cluster.local";

    /** The Service a written name refers to; empty when it is none of the forms above. */
    static Optional<ServiceName> parse(String written) {
        String[] parts = written.split("\\.", -1);
        if (parts.length > 2 + SUFFIX.size() || !DnsNames.isServiceName(parts[0])) {
            return Optional.empty();
        }
        if (parts.length == 1) {
            return Optional.of(new ServiceName(parts[0], null));
        }
        if (!DnsNames.isLabel(parts[1])) {
            return Optional.empty();
        }
        for (int i = 2; i < parts.length; i++) {
            if (!parts[i].equals(SUFFIX.get(i - 2))) {
                return Optional.empty();
            }
        }
        return Optional.of(new ServiceName(parts[0], parts[1]));
    }

    /** Whether the name is in {@code namespace} (a short name always is). */
    boolean isIn(String ns) {
        return namespace == null || namespace.equals(ns);
    }
}
