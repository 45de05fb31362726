package io.gitmesh.injector.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Ipv4RangeTest {
    static Stream<Arguments> texts() {
        return Stream.of(
                arguments("a network", "10.0.0.0/8", Optional.of("10.0.0.0/8")),
                arguments("an address alone is a /32", "169.254.169.254", Optional.of("169.254.169.254/32")),
                arguments("host bits are cleared", "192.168.7.9/24", Optional.of("192.168.7.0/24")),
                arguments("everything", "0.0.0.0/0", Optional.of("0.0.0.0/0")),
                arguments("the top of the range", "255.255.255.255/32", Optional.of("255.255.255.255/32")),
                arguments("prefix too long", "10.0.0.0/33", Optional.empty()),
                arguments("octet too large", "10.0.0.256", Optional.empty()),
                arguments("three octets", "10.0.0/8", Optional.empty()),
                arguments("a host name is not looked up", "metadata.google.internal", Optional.empty()),
                arguments("IPv6", "fd00::/8", Optional.empty()),
                arguments("blank", "", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void parses(String name, String text, Optional<String> canonical) {
        assertThat(Ipv4Range.parse(text).map(Ipv4Range::toString)).isEqualTo(canonical);
    }
}
