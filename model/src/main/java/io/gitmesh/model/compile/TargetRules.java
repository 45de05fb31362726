package io.gitmesh.model.compile;

import io.gitmesh.model.MeshPort;
import io.gitmesh.model.Permission;
import io.gitmesh.model.RouteMatch;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.policy.RuleRef;
import io.gitmesh.schema.policy.TrafficTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of one TrafficTarget, resolved against the route documents in its namespace.
 *
 * @param tcpPorts        the ports its TCPRoutes allow; empty when it has no TCPRoute rule
 * @param udpPorts        the ports its UDPRoutes allow; empty when it has no UDPRoute rule
 * @param httpRules       whether it has HTTPRouteGroup rules
 * @param httpMatches     the matches those rules select
 * @param destinationPort the destination port of TrafficTarget v1alpha1/v1alpha2, else null
 */
record TargetRules(Optional<PortSet> tcpPorts, Optional<PortSet> udpPorts, boolean httpRules,
        List<RouteMatch> httpMatches, Integer destinationPort) {

    TargetRules {
        httpMatches = List.copyOf(httpMatches);
    }

    /**
     * Resolves the rules against the policy's routes. A route that does not exist allows nothing, but
     * still counts as a rule of its kind, so that a dangling TCPRoute never widens the TrafficTarget to
     * every port. Of two routes with one key, the first counts.
     */
    static TargetRules resolve(TrafficTarget target, RouteGroups groups, PolicySet policy) {
        String namespace = target.meta().namespace();
        Optional<PortSet> tcp = Optional.empty();
        Optional<PortSet> udp = Optional.empty();
        boolean http = false;
        List<RouteMatch> matches = new ArrayList<>();
        for (RuleRef rule : target.rules()) {
            switch (rule.kind()) {
                case TCP_ROUTE -> tcp = Optional.of(tcp.orElse(PortSet.NONE).union(PolicyLookup
                        .named(policy.tcpRoutes(), namespace, rule.name()).map(r -> PortSet.of(r.ports()))
                        .orElse(PortSet.NONE)));
                case UDP_ROUTE -> udp = Optional.of(udp.orElse(PortSet.NONE).union(PolicyLookup
                        .named(policy.udpRoutes(), namespace, rule.name()).map(r -> PortSet.of(r.ports()))
                        .orElse(PortSet.NONE)));
                case HTTP_ROUTE_GROUP -> {
                    http = true;
                    matches.addAll(groups.matches(namespace, rule.name(), rule.matches()));
                }
            }
        }
        return new TargetRules(tcp, udp, http, matches, target.destination().port());
    }

    /**
     * What these rules allow on a port of a Service behind the destination identity: TCPRoutes name
     * the TCP ports (and, on HTTP ports, restrict which ports the HTTP rules hold on), UDPRoutes the
     * UDP ports, HTTPRouteGroups the HTTP requests. On an HTTP port, HTTPRouteGroup rules allow their
     * matches; TCPRoutes alone (an L4 rule) allow every request.
     */
    Optional<Permission> permission(MeshPort port, List<Integer> targetPorts) {
        if (destinationPort != null && destinationPort != port.port() && !targetPorts.contains(destinationPort)) {
            return Optional.empty();
        }
        return switch (port.protocol()) {
            case UDP -> admitting(udpPorts, port, targetPorts).map(p -> Permission.ALL);
            case TCP -> admitting(tcpPorts, port, targetPorts).map(p -> Permission.ALL);
            case HTTP, HTTP2, GRPC -> {
                if (tcpPorts.isPresent() && admitting(tcpPorts, port, targetPorts).isEmpty()) {
                    yield Optional.empty();
                }
                if (httpRules) {
                    yield httpMatches.isEmpty() ? Optional.empty() : Optional.of(Permission.routes(httpMatches));
                }
                yield tcpPorts.map(p -> Permission.ALL);
            }
        };
    }

    private static Optional<PortSet> admitting(Optional<PortSet> ports, MeshPort port, List<Integer> targetPorts) {
        return ports.filter(p -> p.admits(port.port(), targetPorts));
    }
}
