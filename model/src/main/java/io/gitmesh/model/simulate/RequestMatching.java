package io.gitmesh.model.simulate;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.gitmesh.model.HeaderCondition;
import io.gitmesh.model.Permission;
import io.gitmesh.model.RouteMatch;
import java.util.Optional;

/**
 * Whether a call matches an HTTP route match, as Envoy decides: the path (without its query string)
 * and each header value must match their RE2 regexes in full, the method must be one of the
 * match's methods (when it lists any).
 */
final class RequestMatching {
    private RequestMatching() {
    }

    static boolean matches(RouteMatch match, Call call) {
        return mismatch(match, call).isEmpty();
    }

    /** Whether the permission lets the call through: it allows every request, or one of its matches matches. */
    static boolean permits(Permission permission, Call call) {
        return switch (permission) {
            case Permission.All all -> true;
            case Permission.Routes routes -> routes.matches().stream().anyMatch(m -> matches(m, call));
        };
    }

    /** The first condition the call fails, for people; empty when it matches. */
    static Optional<String> mismatch(RouteMatch match, Call call) {
        String path = pathOf(call.path());
        if (!fullMatch(match.pathRegex(), path)) {
            return Optional.of("path " + path + " does not match " + match.pathRegex());
        }
        if (!match.anyMethod() && !match.methods().contains(call.method())) {
            return Optional.of("method " + call.method() + " is not " + String.join(" or ", match.methods()));
        }
        for (HeaderCondition header : match.headers()) {
            String value = call.headers().get(header.name());
            if (value == null) {
                return Optional.of("header " + header.name() + " is missing");
            }
            if (!fullMatch(header.valueRegex(), value)) {
                return Optional.of("header " + header.name() + ": \"" + value + "\" does not match "
                        + header.valueRegex());
            }
        }
        return Optional.empty();
    }

    private static String pathOf(String requestPath) {
        int end = requestPath.length();
        for (char c : new char[] {'?', '#'}) {
            int at = requestPath.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return requestPath.substring(0, end);
    }

    /** A regex that is not valid RE2 (validation reports it) matches nothing: it allows less, never more. */
    private static boolean fullMatch(String regex, String input) {
        try {
            return Pattern.matches(regex, input);
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
