package io.gitmesh.xds.translate;

import io.envoyproxy.envoy.config.rbac.v3.Permission;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.type.matcher.v3.PathMatcher;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.gitmesh.model.HeaderCondition;
import io.gitmesh.model.RouteMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An HTTPRouteGroup match ({@link RouteMatch}) as Envoy and gRPC match requests: as a route match
 * (where a request goes) and as an RBAC permission (whether it may go there). Both read the same way: the
 * whole path matches the RE2 path regex, the {@code :method} pseudo-header is one of the methods, and
 * every header's whole value matches its RE2 regex.
 */
final class HttpMatches {
    static final String METHOD_HEADER = ":method";
    private static final String RE2_METACHARACTERS = "\\.+*?()|[]{}^$";

    private HttpMatches() {
    }

    /** The route match for every request. */
    static io.envoyproxy.envoy.config.route.v3.RouteMatch everyRequest() {
        return io.envoyproxy.envoy.config.route.v3.RouteMatch.newBuilder().setPrefix("/").build();
    }

    /** The route match for the requests {@code match} names. */
    static io.envoyproxy.envoy.config.route.v3.RouteMatch route(RouteMatch match) {
        var route = io.envoyproxy.envoy.config.route.v3.RouteMatch.newBuilder();
        if (match.anyPath()) {
            route.setPrefix("/");
        } else {
            route.setSafeRegex(regex(match.pathRegex()));
        }
        return route.addAllHeaders(headerMatchers(match)).build();
    }

    /** The RBAC permission for the requests {@code match} names. */
    static Permission permission(RouteMatch match) {
        List<Permission> rules = new ArrayList<>();
        if (!match.anyPath()) {
            rules.add(Permission.newBuilder()
                    .setUrlPath(PathMatcher.newBuilder().setPath(StringMatcher.newBuilder()
                            .setSafeRegex(regex(match.pathRegex()))))
                    .build());
        }
        headerMatchers(match).forEach(header -> rules.add(Permission.newBuilder().setHeader(header).build()));
        return switch (rules.size()) {
            case 0 -> anyRequest();
            case 1 -> rules.getFirst();
            default -> Permission.newBuilder()
                    .setAndRules(Permission.Set.newBuilder().addAllRules(rules))
                    .build();
        };
    }

    /** The RBAC permission for every request, or every connection. */
    static Permission anyRequest() {
        return Permission.newBuilder().setAny(true).build();
    }

    static RegexMatcher regex(String re2) {
        return RegexMatcher.newBuilder().setRegex(re2).build();
    }

    /** The method condition first, then the header conditions in the match's (sorted) order. */
    private static List<HeaderMatcher> headerMatchers(RouteMatch match) {
        List<HeaderMatcher> headers = new ArrayList<>();
        if (!match.anyMethod()) {
            headers.add(method(match.methods()));
        }
        match.headers().forEach(condition -> headers.add(header(condition)));
        return headers;
    }

    private static HeaderMatcher method(List<String> methods) {
        StringMatcher.Builder value = StringMatcher.newBuilder();
        if (methods.size() == 1) {
            value.setExact(methods.getFirst());
        } else {
            value.setSafeRegex(regex(methods.stream().map(HttpMatches::quote).collect(Collectors.joining("|"))));
        }
        return HeaderMatcher.newBuilder().setName(METHOD_HEADER).setStringMatch(value).build();
    }

    /**
     * The header must be present and match the regex; an empty regex (RE2 matches only the empty value,
     * and Envoy refuses an empty regex) becomes an exact match on the empty value.
     */
    private static HeaderMatcher header(HeaderCondition condition) {
        StringMatcher.Builder value = StringMatcher.newBuilder();
        if (condition.valueRegex().isEmpty()) {
            value.setExact("");
        } else {
            value.setSafeRegex(regex(condition.valueRegex()));
        }
        return HeaderMatcher.newBuilder().setName(condition.name()).setStringMatch(value).build();
    }

    /** The literal text as an RE2 regex: its metacharacters escaped, as Go's {@code regexp.QuoteMeta} does. */
    static String quote(String literal) {
        StringBuilder quoted = new StringBuilder(2 * literal.length());
        for (char c : literal.toCharArray()) {
            if (RE2_METACHARACTERS.indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }
}
