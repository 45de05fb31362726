package io.gitmesh.injector.mutate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Traffic the iptables rules leave alone: it reaches the app, or leaves the pod, without the proxy (so
 * without mTLS and without policy). Lists are sorted and free of duplicates.
 *
 * @param inboundPorts     ports of the pod whose incoming connections are not redirected
 * @param outboundPorts    destination ports whose outgoing connections are not redirected
 * @param outboundIpRanges destinations whose outgoing connections are not redirected
 */
public record TrafficExclusions(List<Integer> inboundPorts, List<Integer> outboundPorts,
        List<Ipv4Range> outboundIpRanges) {
    public static final TrafficExclusions NONE = new TrafficExclusions(List.of(), List.of(), List.of());

    public TrafficExclusions {
        inboundPorts = ports(inboundPorts);
        outboundPorts = ports(outboundPorts);
        outboundIpRanges = outboundIpRanges.stream().sorted().distinct().toList();
    }

    /** Both sets of exclusions together. */
    public TrafficExclusions plus(TrafficExclusions other) {
        return new TrafficExclusions(concat(inboundPorts, other.inboundPorts),
                concat(outboundPorts, other.outboundPorts), concat(outboundIpRanges, other.outboundIpRanges));
    }

    /** These exclusions and the inbound {@code ports} too. */
    public TrafficExclusions plusInboundPorts(Collection<Integer> ports) {
        return new TrafficExclusions(concat(inboundPorts, List.copyOf(ports)), outboundPorts, outboundIpRanges);
    }

    /**
     * The exclusions a pod's annotations ask for ({@link Annotations#EXCLUDE_INBOUND_PORTS} and the other
     * two): comma-separated values, blanks ignored. Bad values go to {@code problems}.
     */
    static TrafficExclusions fromAnnotations(Map<String, String> annotations, List<String> problems) {
        return new TrafficExclusions(
                portList(annotations, Annotations.EXCLUDE_INBOUND_PORTS, problems),
                portList(annotations, Annotations.EXCLUDE_OUTBOUND_PORTS, problems),
                rangeList(annotations, Annotations.EXCLUDE_OUTBOUND_IP_RANGES, problems));
    }

    private static List<Integer> portList(Map<String, String> annotations, String key, List<String> problems) {
        List<Integer> ports = new ArrayList<>();
        for (String item : items(annotations, key)) {
            Optional<Integer> port = port(item);
            port.ifPresentOrElse(ports::add, () -> problems.add(key + ": \"" + item
                    + "\" is not a port number (1-65535); write ports separated by commas, like \"8080,9090\""));
        }
        return ports;
    }

    private static List<Ipv4Range> rangeList(Map<String, String> annotations, String key, List<String> problems) {
        List<Ipv4Range> ranges = new ArrayList<>();
        for (String item : items(annotations, key)) {
            Optional<Ipv4Range> range = Ipv4Range.parse(item);
            range.ifPresentOrElse(ranges::add, () -> problems.add(key + ": \"" + item + "\" " + (item.contains(":")
                    ? "is IPv6: only IPv4 traffic is redirected, so only IPv4 ranges can be excluded"
                    : "is not an IPv4 address or CIDR range, like 10.0.0.0/8 or 169.254.169.254")));
        }
        return ranges;
    }

    private static List<String> items(Map<String, String> annotations, String key) {
        String value = annotations.get(key);
        if (value == null) {
            return List.of();
        }
        return Stream.of(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Optional<Integer> port(String text) {
        if (!text.matches("[0-9]{1,5}")) {
            return Optional.empty();
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65_535 ? Optional.of(port) : Optional.empty();
    }

    private static List<Integer> ports(List<Integer> ports) {
        for (int port : ports) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " is outside 1-65535");
            }
        }
        return ports.stream().sorted().distinct().toList();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
