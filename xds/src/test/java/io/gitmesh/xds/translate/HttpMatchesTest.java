package io.gitmesh.xds.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.re2j.Pattern;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.gitmesh.model.HeaderCondition;
import io.gitmesh.model.RouteMatch;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpMatchesTest {

    static Stream<Arguments> literals() {
        return Stream.of(
                arguments("a method", "GET"),
                arguments("dots and stars", "a.b*c"),
                arguments("every metacharacter", "\\.+*?()|[]{}^$"),
                arguments("non-ASCII and spaces", "gr\u00fc\u00dfe welt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("literals")
    void aQuotedLiteralMatchesExactlyItself(String name, String literal) {
        Pattern quoted = Pattern.compile(HttpMatches.quote(literal));

        assertThat(quoted.matcher(literal).matches()).isTrue();
        assertThat(quoted.matcher(literal + "x").matches()).isFalse();
    }

    @Test
    void severalMethodsBecomeOneRegexOnTheMethodPseudoHeader() {
        var route = HttpMatches.route(new RouteMatch("ns/g", "m", ".*", List.of("POST", "GET"), List.of()));

        assertThat(route.getPrefix()).as("any path").isEqualTo("/");
        assertThat(route.getHeadersList()).extracting(HeaderMatcher::getName).containsExactly(":method");
        assertThat(route.getHeaders(0).getStringMatch().getSafeRegex().getRegex()).isEqualTo("GET|POST");
    }

    @Test
    void anEmptyHeaderRegexMatchesTheEmptyValueExactly() {
        var route = HttpMatches.route(new RouteMatch("ns/g", "m", "/a", List.of(),
                List.of(new HeaderCondition("X-Empty", ""))));

        assertThat(route.getSafeRegex().getRegex()).isEqualTo("/a");
        assertThat(route.getHeaders(0).getName()).isEqualTo("x-empty");
        assertThat(route.getHeaders(0).getStringMatch().hasExact()).isTrue();
        assertThat(route.getHeaders(0).getStringMatch().getExact()).isEmpty();
    }

    @Test
    void aMatchOfEveryRequestIsTheAnyPermission() {
        assertThat(HttpMatches.permission(new RouteMatch("ns/g", "all", ".*", List.of("*"), List.of())))
                .isEqualTo(HttpMatches.anyRequest());
    }
}
