package io.gitmesh.xds.override;

import com.google.protobuf.Message;
import com.google.re2j.Pattern;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.gitmesh.schema.policy.PatchTarget;
import io.gitmesh.schema.policy.TargetMatch;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether an object is one a target picks: the one with its exact name, or every one that meets all
 * conditions of its match (a whole-name RE2 regex, a listener port, a virtual host domain), or, when
 * neither is given, every one. Compiled regexes are kept for the life of the matcher.
 */
final class TargetMatcher {
    private final Map<String, Pattern> patterns = new HashMap<>();

    boolean picks(PatchTarget target, String name, Message object) {
        TargetMatch match = target.match();
        return target.name().map(name::equals).orElse(true)
                && match.nameRegex().map(regex -> pattern(regex).matches(name)).orElse(true)
                && (match.port().isEmpty() || object instanceof Listener listener
                        && listener.getAddress().getSocketAddress().getPortValue() == match.port().getAsInt())
                && match.domain().map(domain -> object instanceof VirtualHost host
                        && host.getDomainsList().contains(domain)).orElse(true);
    }

    /** Whether the parent (route configuration, listener) of a nested target is in scope. */
    static boolean inParent(PatchTarget target, String parentName) {
        return target.parent().map(parentName::equals).orElse(true);
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, Pattern::compile);
    }
}
