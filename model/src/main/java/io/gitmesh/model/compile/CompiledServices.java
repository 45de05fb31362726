package io.gitmesh.model.compile;

import io.gitmesh.model.Identity;
import io.gitmesh.model.MeshPort;
import io.gitmesh.model.MeshService;
import io.gitmesh.model.Protocol;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.cluster.Service;
import io.gitmesh.model.cluster.ServiceBackends;
import io.gitmesh.model.cluster.ServicePort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The mesh's services (ports, protocols, endpoints, routing), and what access is computed from:
 * every port as each identity behind it serves it, and the split roots' backend ports.
 *
 * @param ports           every port of every service, by key
 * @param sharingBackends for each port with a TrafficSplit, the backend ports that get a share of its traffic
 */
record CompiledServices(SortedMap<ServiceRef, MeshService> services, List<ServedPort> served,
        Map<PortKey, MeshPort> ports, Map<PortKey, List<PortKey>> sharingBackends) {

    static CompiledServices compile(ClusterState cluster, SplitRouting splits) {
        CompiledServices compiled = new CompiledServices(new TreeMap<>(), new ArrayList<>(), new HashMap<>(),
                new HashMap<>());
        cluster.services().forEach(service -> compiled.add(service, cluster, splits));
        return compiled;
    }

    /**
     * These services with the Services named in {@code services} compiled again (their routing
     * changed); the other Services and the cluster are as when these were compiled.
     */
    CompiledServices recompile(Set<ServiceRef> services, ClusterState cluster, SplitRouting splits) {
        if (services.isEmpty()) {
            return this;
        }
        CompiledServices compiled = new CompiledServices(new TreeMap<>(this.services),
                new ArrayList<>(served.stream().filter(s -> !services.contains(s.service())).toList()),
                new HashMap<>(ports), new HashMap<>(sharingBackends));
        compiled.ports.keySet().removeIf(key -> services.contains(key.service()));
        compiled.sharingBackends.keySet().removeIf(key -> services.contains(key.service()));
        services.forEach(ref -> {
            compiled.services.remove(ref);
            cluster.service(ref).ifPresent(service -> compiled.add(service, cluster, splits));
        });
        return compiled;
    }

    private void add(Service service, ClusterState cluster, SplitRouting splits) {
        ServiceBackends backends = cluster.backends(service.ref());
        List<MeshPort> servicePorts = new ArrayList<>();
        for (ServicePort port : service.ports()) {
            Optional<Protocol> protocol = PortProtocols.of(port);
            if (protocol.isEmpty()) {
                continue;
            }
            SplitRouting.PortRouting routing = splits.routingOf(service, port, protocol.get());
            MeshPort meshPort = new MeshPort(port.name(), port.port(), port.targetPort(), protocol.get(),
                    backends.endpoints(port), routing.routing());
            PortKey key = new PortKey(service.ref(), port.name());
            servicePorts.add(meshPort);
            ports.put(key, meshPort);
            if (!routing.sharingBackends().isEmpty()) {
                sharingBackends.put(key, routing.sharingBackends());
            }
            for (Identity identity : backends.identities()) {
                served.add(new ServedPort(service.ref(), meshPort, identity, backends.targetPorts(port, identity)));
            }
        }
        services.put(service.ref(), new MeshService(service.ref(), service.clusterIp(), backends.identities(),
                servicePorts));
    }
}
