package io.gitmesh.injector.mutate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites the app's probes so the kubelet reaches them through the proxy, whose inbound listener
 * otherwise requires mTLS the kubelet cannot speak:
 * <ul>
 *   <li>httpGet: becomes {@code GET /<container>} on the kind's proxy port (15901 liveness, 15902
 *       readiness, 15903 startup), plain HTTP, with the probe's own headers; the original port, path and
 *       scheme go to the {@link Annotations#PROBES} annotation, from which the proxy's probe listener
 *       forwards the request to the app.</li>
 *   <li>tcpSocket: becomes the same httpGet; the proxy answers it from its own TCP connect check of the
 *       original port (an active health check), so the probe still fails when the app stops accepting.
 *       Leaving the probe alone and excluding its port from redirection would also work, but would open
 *       that port — usually the app's serving port — to callers without mTLS or policy.</li>
 *   <li>grpc: the kubelet's gRPC health check names no path the proxy could route by, so the probe stays
 *       and its port is excluded from inbound redirection, with a warning that the port then bypasses the
 *       mesh.</li>
 *   <li>exec, and probes aimed at another host or at a port already excluded from redirection: unchanged.</li>
 * </ul>
 * Named ports are resolved against the container's ports; a name the container does not declare leaves
 * the probe unchanged, with a warning (the kubelet would fail it either way).
 */
final class ProbeRewriter {
    /** The kubelet's defaults, for probes that do not say. */
    private static final int DEFAULT_PERIOD_SECONDS = 10;
    private static final int DEFAULT_TIMEOUT_SECONDS = 1;

    /** What rewriting found: the targets to record, the gRPC probe ports to exclude, and warnings. */
    record Rewrite(List<ProbeTarget> targets, List<Integer> grpcPorts, List<String> warnings) {
        Rewrite {
            targets = List.copyOf(targets);
            grpcPorts = grpcPorts.stream().sorted().distinct().toList();
            warnings = List.copyOf(warnings);
        }
    }

    private ProbeRewriter() {
    }

    /** Rewrites, in place, the probes of the given app containers (fresh copies owned by the caller). */
    static Rewrite rewrite(List<Container> containers, List<Integer> excludedInboundPorts) {
        List<ProbeTarget> targets = new ArrayList<>();
        List<Integer> grpcPorts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Container container : containers) {
            for (ProbeKind kind : ProbeKind.values()) {
                Probe probe = kind.of(container);
                if (probe == null) {
                    continue;
                }
                String where = kind.wireName() + " probe of container " + container.getName();
                if (probe.getGrpc() != null && probe.getGrpc().getPort() != null) {
                    int port = probe.getGrpc().getPort();
                    if (!excludedInboundPorts.contains(port)) {
                        grpcPorts.add(port);
                        warnings.add("the " + where + " is a gRPC probe: port " + port + " is excluded from the "
                                + "proxy, so callers reach it without mTLS or policy");
                    }
                    continue;
                }
                rewrite(container, kind, probe, excludedInboundPorts, where, warnings).ifPresent(targets::add);
            }
        }
        return new Rewrite(targets, grpcPorts, warnings);
    }

    private static Optional<ProbeTarget> rewrite(Container container, ProbeKind kind, Probe probe,
            List<Integer> excludedInboundPorts, String where, List<String> warnings) {
        HTTPGetAction http = probe.getHttpGet();
        boolean tcp = probe.getTcpSocket() != null;
        if (http == null && !tcp) {
            return Optional.empty();
        }
        String host = http != null ? http.getHost() : probe.getTcpSocket().getHost();
        if (host != null && !host.isEmpty()) {
            return Optional.empty();
        }
        IntOrString portRef = http != null ? http.getPort() : probe.getTcpSocket().getPort();
        Optional<Integer> port = resolve(container, portRef);
        if (port.isEmpty()) {
            warnings.add("the " + where + " names port \"" + describe(portRef) + "\", which is no port the "
                    + "container declares: the probe is left unchanged and cannot pass through the proxy");
            return Optional.empty();
        }
        if (excludedInboundPorts.contains(port.get())) {
            return Optional.empty();
        }
        ProbeTarget target = http != null
                ? new ProbeTarget.Http(container.getName(), kind, "HTTPS".equalsIgnoreCase(http.getScheme()),
                        port.get(), Optional.ofNullable(http.getPath()).filter(p -> !p.isEmpty()).orElse("/"))
                : new ProbeTarget.Tcp(container.getName(), kind, port.get(),
                        atLeastOne(probe.getPeriodSeconds(), DEFAULT_PERIOD_SECONDS),
                        atLeastOne(probe.getTimeoutSeconds(), DEFAULT_TIMEOUT_SECONDS));
        HTTPGetAction viaProxy = new HTTPGetAction();
        viaProxy.setPath(target.proxyPath());
        viaProxy.setPort(new IntOrString(kind.proxyPort()));
        viaProxy.setScheme("HTTP");
        if (http != null) {
            viaProxy.setHttpHeaders(http.getHttpHeaders());
        }
        probe.setTcpSocket(null);
        probe.setHttpGet(viaProxy);
        return Optional.of(target);
    }

    private static Optional<Integer> resolve(Container container, IntOrString port) {
        if (port == null) {
            return Optional.empty();
        }
        if (port.getIntVal() != null) {
            return Optional.of(port.getIntVal()).filter(p -> p >= 1 && p <= 65_535);
        }
        String name = port.getStrVal();
        List<ContainerPort> declared = container.getPorts() == null ? List.of() : container.getPorts();
        return declared.stream().filter(p -> name.equals(p.getName()) && p.getContainerPort() != null)
                .map(ContainerPort::getContainerPort).findFirst();
    }

    private static int atLeastOne(Integer seconds, int kubeletDefault) {
        return seconds == null || seconds < 1 ? kubeletDefault : seconds;
    }

    private static String describe(IntOrString port) {
        return port == null ? "" : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }
}
