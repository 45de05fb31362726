package io.gitmesh.schema.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Conditions on the objects a patch targets, all of which must hold; {@link #ANY} has none.
 *
 * @param nameRegex an RE2 regular expression the whole name must match
 * @param port      a listener's port (Listener targets only)
 * @param domain    one of a virtual host's domains, exactly (VirtualHost targets only)
 */
public record TargetMatch(Optional<String> nameRegex, OptionalInt port, Optional<String> domain) {
    public static final TargetMatch ANY = new TargetMatch(Optional.empty(), OptionalInt.empty(), Optional.empty());

    public TargetMatch {
        Objects.requireNonNull(nameRegex, "nameRegex");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(domain, "domain");
    }

    public boolean isAny() {
        return equals(ANY);
    }
}
