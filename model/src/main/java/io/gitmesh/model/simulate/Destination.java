package io.gitmesh.model.simulate;

import io.gitmesh.model.Mesh;
import io.gitmesh.model.MeshPort;
import io.gitmesh.model.MeshService;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.diff.PortRef;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The service port a call's {@code host[:port]} names, resolved as the caller's cluster DNS would:
 * {@code name} (in the caller's namespace), {@code name.namespace}, {@code name.namespace.svc} and
 * longer forms ending in the cluster domain, or a Service's cluster IP. Without a port, the
 * Service's only port.
 */
record Destination(MeshService service, MeshPort port) implements Resolution {
    private static final String SVC = "svc";

    PortRef ref() {
        return PortRef.of(service.ref(), port);
    }

    static Resolution resolve(Mesh mesh, String callerNamespace, String authority) {
        int colon = authority.lastIndexOf(':');
        String host = hostOf(colon < 0 ? authority : authority.substring(0, colon));
        Optional<Integer> port = Optional.empty();
        if (colon >= 0) {
            String digits = authority.substring(colon + 1);
            if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
                return new Resolution.Failed("not a port: \"" + digits + "\" in " + authority);
            }
            port = Optional.of(Integer.parseInt(digits));
        }
        Optional<MeshService> service = byClusterIp(mesh, host).or(() -> byName(mesh, callerNamespace, host));
        if (service.isEmpty()) {
            return new Resolution.Failed(nameOf(callerNamespace, host)
                    .map(ref -> "no Service " + ref + " in the mesh (host " + host + ")")
                    .orElse("host " + host + " names no Service: write name, name.namespace or "
                            + "name.namespace.svc.cluster.local"));
        }
        return withPort(service.get(), port);
    }

    /** DNS names are case-insensitive; an absolute name may end with a dot. */
    private static String hostOf(String text) {
        String host = text.toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static Resolution withPort(MeshService service, Optional<Integer> number) {
        if (number.isPresent()) {
            return service.port(number.get()).<Resolution>map(p -> new Destination(service, p))
                    .orElseGet(() -> new Resolution.Failed(service.ref() + " has no port " + number.get()
                            + " (ports: " + ports(service) + ")"));
        }
        if (service.ports().size() == 1) {
            return new Destination(service, service.ports().getFirst());
        }
        return new Resolution.Failed(service.ports().isEmpty() ? service.ref() + " has no port in the mesh"
                : service.ref() + " has several ports (" + ports(service) + "): give one as HOST:PORT");
    }

    private static Optional<MeshService> byClusterIp(Mesh mesh, String host) {
        return mesh.services().values().stream().filter(s -> s.clusterIp().equals(host)).findFirst();
    }

    private static Optional<MeshService> byName(Mesh mesh, String callerNamespace, String host) {
        return nameOf(callerNamespace, host).flatMap(mesh::service);
    }

    /** {@code name}, {@code name.namespace}, {@code name.namespace.svc[.domain...]}. */
    private static Optional<ServiceRef> nameOf(String callerNamespace, String host) {
        String[] labels = host.split("\\.", -1);
        if (labels[0].isEmpty() || labels.length > 1 && labels[1].isEmpty()
                || labels.length > 2 && !labels[2].equals(SVC)) {
            return Optional.empty();
        }
        return Optional.of(new ServiceRef(labels.length == 1 ? callerNamespace : labels[1], labels[0]));
    }

    private static String ports(MeshService service) {
        return service.ports().stream().map(p -> Integer.toString(p.port())).distinct()
                .collect(Collectors.joining(", "));
    }
}
