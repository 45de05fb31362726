package io.gitmesh.xds.translate.simulate;

import com.google.re2j.Pattern;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import java.util.Locale;
import java.util.Optional;

/** Envoy's string and header matchers, as far as gitmesh uses them; anything else fails loudly. */
final class Matchers {
    private Matchers() {
    }

    static boolean matches(StringMatcher matcher, String value) {
        String subject = matcher.getIgnoreCase() ? value.toLowerCase(Locale.ROOT) : value;
        return switch (matcher.getMatchPatternCase()) {
            case EXACT -> subject.equals(folded(matcher, matcher.getExact()));
            case PREFIX -> subject.startsWith(folded(matcher, matcher.getPrefix()));
            case SUFFIX -> subject.endsWith(folded(matcher, matcher.getSuffix()));
            case CONTAINS -> subject.contains(folded(matcher, matcher.getContains()));
            case SAFE_REGEX -> Pattern.compile(matcher.getSafeRegex().getRegex()).matcher(value).matches();
            default -> throw new UnsupportedOperationException("string matcher " + matcher);
        };
    }

    static boolean matches(HeaderMatcher matcher, Request request) {
        Optional<String> value = request.header(matcher.getName());
        boolean matched = switch (matcher.getHeaderMatchSpecifierCase()) {
            case STRING_MATCH -> value.isPresent() && matches(matcher.getStringMatch(), value.get());
            case PRESENT_MATCH -> value.isPresent() == matcher.getPresentMatch();
            default -> throw new UnsupportedOperationException("header matcher " + matcher);
        };
        return matched != matcher.getInvertMatch();
    }

    private static String folded(StringMatcher matcher, String pattern) {
        return matcher.getIgnoreCase() ? pattern.toLowerCase(Locale.ROOT) : pattern;
    }
}
