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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.TreePMap;

/**
 * The mesh's services (ports, protocols, endpoints, routing), and what access is computed from:
 * every port as each identity behind it serves it, and the split roots' backend ports. Immutable and
 * persistent: {@link #recompile} works only on the Services named.
 */
final class CompiledServices {
    private final TreePMap<ServiceRef, MeshService> services;
    private final PMap<PortKey, MeshPort> ports;
    private final PMap<PortKey, List<PortKey>> sharingBackends;
    private final ListsByKey<PortKey, PortKey> rootsSharingWith;
    private final ListsByKey<Identity, ServedPort> servedBy;

    private CompiledServices(TreePMap<ServiceRef, MeshService> services, PMap<PortKey, MeshPort> ports,
            PMap<PortKey, List<PortKey>> sharingBackends, ListsByKey<PortKey, PortKey> rootsSharingWith,
            ListsByKey<Identity, ServedPort> servedBy) {
        this.services = services;
        this.ports = ports;
        this.sharingBackends = sharingBackends;
        this.rootsSharingWith = rootsSharingWith;
        this.servedBy = servedBy;
    }

    static CompiledServices compile(ClusterState cluster, SplitRouting splits) {
        Changes changes = new CompiledServices(TreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty(),
                ListsByKey.empty(), ListsByKey.empty()).new Changes();
        cluster.services().forEach(service -> changes.add(service, cluster, splits));
        return changes.result();
    }

    /**
     * These services with the Services named in {@code refs} compiled again (their routing changed);
     * the other Services and the cluster are as when these were compiled.
     */
    CompiledServices recompile(Set<ServiceRef> refs, ClusterState cluster, SplitRouting splits) {
        if (refs.isEmpty()) {
            return this;
        }
        Changes changes = new Changes();
        refs.forEach(changes::remove);
        refs.forEach(ref -> cluster.service(ref).ifPresent(service -> changes.add(service, cluster, splits)));
        return changes.result();
    }

    /** Every Service, by reference. */
    SortedMap<ServiceRef, MeshService> services() {
        return services;
    }

    Optional<MeshService> service(ServiceRef ref) {
        return Optional.ofNullable(services.get(ref));
    }

    MeshPort port(PortKey key) {
        return ports.get(key);
    }

    /** The backend ports that get a share of the split root port's traffic; empty for a port without a split. */
    List<PortKey> sharingBackends(PortKey root) {
        return sharingBackends.getOrDefault(root, List.of());
    }

    /** The split root ports whose traffic the backend port takes a share of. */
    List<PortKey> rootsSharingWith(PortKey backend) {
        return rootsSharingWith.get(backend);
    }

    /** The Service ports the workloads of {@code identity} serve. */
    List<ServedPort> servedBy(Identity identity) {
        return servedBy.get(identity);
    }

    /** Services taken out and put in, worked on in copies of the lists they touch; {@link #result} shares the rest. */
    private final class Changes {
        private TreePMap<ServiceRef, MeshService> services = CompiledServices.this.services;
        private PMap<PortKey, MeshPort> ports = CompiledServices.this.ports;
        private PMap<PortKey, List<PortKey>> sharingBackends = CompiledServices.this.sharingBackends;
        private final ListsByKey<PortKey, PortKey>.Editor roots = rootsSharingWith.edit();
        private final ListsByKey<Identity, ServedPort>.Editor served = servedBy.edit();

        void remove(ServiceRef ref) {
            MeshService old = services.get(ref);
            if (old == null) {
                return;
            }
            for (MeshPort port : old.ports()) {
                PortKey key = new PortKey(ref, port.name());
                ports = ports.minus(key);
                for (PortKey backend : sharingBackends.getOrDefault(key, List.of())) {
                    roots.list(backend).remove(key);
                }
                sharingBackends = sharingBackends.minus(key);
            }
            for (Identity identity : old.identities()) {
                served.list(identity).removeIf(s -> s.service().equals(ref));
            }
            services = services.minus(ref);
        }

        void add(Service service, ClusterState cluster, SplitRouting splits) {
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
                ports = ports.plus(key, meshPort);
                if (!routing.sharingBackends().isEmpty()) {
                    sharingBackends = sharingBackends.plus(key, routing.sharingBackends());
                    routing.sharingBackends().forEach(backend -> roots.list(backend).add(key));
                }
                for (Identity identity : backends.identities()) {
                    served.list(identity).add(new ServedPort(service.ref(), meshPort, identity,
                            backends.targetPorts(port, identity)));
                }
            }
            services = services.plus(service.ref(), new MeshService(service.ref(), service.clusterIp(),
                    backends.identities(), servicePorts));
        }

        CompiledServices result() {
            return new CompiledServices(services, ports, sharingBackends, roots.done(), served.done());
        }
    }
}
