package io.gitmesh.injector.mutate;

import java.util.ArrayList;
import java.util.List;

/**
 * The init container's script: one {@code iptables-restore} transaction on the IPv4 nat table, so the
 * rules go in whole or not at all, then a listing for {@code kubectl logs}. TCP only:
 * <ul>
 *   <li>inbound (PREROUTING): every port to the proxy's inbound listener, except the proxy's own ports
 *       (admin, metrics, the three probe ports) and the excluded inbound ports;</li>
 *   <li>outbound (OUTPUT): every connection to the proxy's outbound listener, except the proxy's own
 *       (its user), loopback, the excluded destination ports and the excluded destination ranges.</li>
 * </ul>
 * IPv6 traffic is not redirected (a limit: an IPv6-only or dual-stack pod's IPv6 connections bypass the
 * proxy). The script runs under {@code set -eu}, so a failed restore fails the init container and the
 * pod does not start without its redirection.
 */
final class IptablesRules {
    static final String INBOUND_CHAIN = "GITMESH_INBOUND";
    static final String OUTBOUND_CHAIN = "GITMESH_OUTBOUND";

    private IptablesRules() {
    }

    static String script(TrafficExclusions exclusions) {
        return "set -eu\n"
                + "iptables-restore --noflush <<'EOF'\n"
                + String.join("\n", rules(exclusions)) + "\n"
                + "EOF\n"
                + "iptables-save -t nat\n";
    }

    static List<String> rules(TrafficExclusions exclusions) {
        List<String> rules = new ArrayList<>();
        rules.add("*nat");
        rules.add(":" + INBOUND_CHAIN + " - [0:0]");
        rules.add(":" + OUTBOUND_CHAIN + " - [0:0]");
        rules.add("-A PREROUTING -p tcp -j " + INBOUND_CHAIN);
        rules.add("-A OUTPUT -p tcp -j " + OUTBOUND_CHAIN);
        rules.add(inboundReturn(Integer.toString(SidecarLayout.ADMIN_PORT)));
        rules.add(inboundReturn(Integer.toString(SidecarLayout.METRICS_PORT)));
        rules.add(inboundReturn(ProbeKind.LIVENESS.proxyPort() + ":" + ProbeKind.STARTUP.proxyPort()));
        exclusions.inboundPorts().forEach(port -> rules.add(inboundReturn(port.toString())));
        rules.add("-A " + INBOUND_CHAIN + " -p tcp -j REDIRECT --to-ports " + SidecarLayout.INBOUND_PORT);
        rules.add("-A " + OUTBOUND_CHAIN + " -m owner --uid-owner " + SidecarLayout.PROXY_UID + " -j RETURN");
        rules.add("-A " + OUTBOUND_CHAIN + " -o lo -j RETURN");
        rules.add("-A " + OUTBOUND_CHAIN + " -d 127.0.0.1/32 -j RETURN");
        exclusions.outboundPorts().forEach(port ->
                rules.add("-A " + OUTBOUND_CHAIN + " -p tcp --dport " + port + " -j RETURN"));
        exclusions.outboundIpRanges().forEach(range ->
                rules.add("-A " + OUTBOUND_CHAIN + " -d " + range + " -j RETURN"));
        rules.add("-A " + OUTBOUND_CHAIN + " -p tcp -j REDIRECT --to-ports " + SidecarLayout.OUTBOUND_PORT);
        rules.add("COMMIT");
        return rules;
    }

    private static String inboundReturn(String ports) {
        return "-A " + INBOUND_CHAIN + " -p tcp --dport " + ports + " -j RETURN";
    }
}
