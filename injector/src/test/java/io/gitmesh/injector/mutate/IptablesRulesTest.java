package io.gitmesh.injector.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where connections go under the generated rules, walked the way the kernel walks the nat table (first
 * matching rule; RETURN leaves a chain; a chain without a verdict falls back to its caller).
 */
class IptablesRulesTest {
    private static final int APP_UID = 1000;
    private static final TrafficExclusions EXCLUSIONS = new TrafficExclusions(List.of(9100), List.of(5432),
            List.of(Ipv4Range.parse("10.40.0.0/16").orElseThrow()));
    private static final List<Rule> RULES = IptablesRules.rules(EXCLUSIONS).stream()
            .filter(line -> line.startsWith("-A ")).map(Rule::parse).toList();

    static Stream<Arguments> connections() {
        return Stream.of(
                arguments("the app calls a service", out(APP_UID, "eth0", "10.96.3.4", 80), OptionalInt.of(15001)),
                arguments("the app calls just outside an excluded range", out(APP_UID, "eth0", "10.41.0.1", 80),
                        OptionalInt.of(15001)),
                arguments("the proxy's own connections", out(1337, "eth0", "10.96.3.4", 80), OptionalInt.empty()),
                arguments("loopback", out(APP_UID, "lo", "127.0.0.1", 8080), OptionalInt.empty()),
                arguments("an excluded destination port", out(APP_UID, "eth0", "10.96.3.4", 5432),
                        OptionalInt.empty()),
                arguments("an excluded destination range", out(APP_UID, "eth0", "10.40.3.4", 80),
                        OptionalInt.empty()),
                arguments("a caller reaches the app", in(8080), OptionalInt.of(15003)),
                arguments("the kubelet reaches a probe listener", in(15902), OptionalInt.empty()),
                arguments("Prometheus reaches the metrics listener", in(15010), OptionalInt.empty()),
                arguments("an excluded inbound port", in(9100), OptionalInt.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connections")
    void sendsConnectionsWhereTheyBelong(String name, Connection connection, OptionalInt redirectedTo) {
        assertThat(walk(connection.builtInChain(), connection)).isEqualTo(redirectedTo);
    }

    @Test
    void theScriptFailsTheContainerWhenTheRulesDoNotLoad() {
        assertThat(IptablesRules.script(EXCLUSIONS)).startsWith("set -eu\niptables-restore --noflush <<'EOF'\n*nat\n")
                .contains("\nCOMMIT\nEOF\n");
    }

    private static OptionalInt walk(String chain, Connection connection) {
        for (Rule rule : RULES) {
            if (!rule.chain().equals(chain) || !rule.matches(connection)) {
                continue;
            }
            switch (rule.target()) {
                case "RETURN" -> {
                    return OptionalInt.empty();
                }
                case "REDIRECT" -> {
                    return OptionalInt.of(rule.toPort());
                }
                default -> {
                    OptionalInt verdict = walk(rule.target(), connection);
                    if (verdict.isPresent()) {
                        return verdict;
                    }
                }
            }
        }
        return OptionalInt.empty();
    }

    private static Connection out(int uid, String device, String destination, int port) {
        return new Connection("OUTPUT", uid, device, destination, port);
    }

    private static Connection in(int port) {
        return new Connection("PREROUTING", 0, "eth0", "10.1.2.3", port);
    }

    record Connection(String builtInChain, int uid, String outDevice, String destination, int port) {
    }

    /** One {@code -A} line, with the matches the generated rules use. */
    record Rule(String chain, List<String> words, String target, int toPort) {
        static Rule parse(String line) {
            List<String> words = new ArrayList<>(Arrays.asList(line.split(" ")));
            String target = words.get(words.indexOf("-j") + 1);
            int toPort = words.contains("--to-ports") ? Integer.parseInt(words.get(words.indexOf("--to-ports") + 1))
                    : 0;
            return new Rule(words.get(1), words, target, toPort);
        }

        boolean matches(Connection c) {
            return value("--uid-owner").map(uid -> Integer.parseInt(uid) == c.uid()).orElse(true)
                    && value("-o").map(c.outDevice()::equals).orElse(true)
                    && value("-d").map(range -> contains(range, c.destination())).orElse(true)
                    && value("--dport").map(ports -> inPorts(ports, c.port())).orElse(true);
        }

        private Optional<String> value(String flag) {
            int at = words.indexOf(flag);
            return at < 0 ? Optional.empty() : Optional.of(words.get(at + 1));
        }

        private static boolean inPorts(String ports, int port) {
            String[] bounds = ports.split(":");
            int low = Integer.parseInt(bounds[0]);
            int high = Integer.parseInt(bounds[bounds.length - 1]);
            return port >= low && port <= high;
        }

        private static boolean contains(String range, String address) {
            Ipv4Range network = Ipv4Range.parse(range).orElseThrow();
            return Ipv4Range.parse(address + "/" + network.prefixLength()).orElseThrow().equals(network);
        }
    }
}
