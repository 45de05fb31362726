package io.gitmesh.xds.translate;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.MeshService;
import io.gitmesh.model.OutboundPort;
import io.gitmesh.model.Protocol;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.WeightedBackend;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.SnapshotGroup;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything the translation of one snapshot group reads, and nothing else: the Service ports its
 * identity may reach (UDP left out: neither flavour proxies it), the ports it serves, and the Services
 * those ports and their backends name. Translation sees the mesh only through this value, so equal
 * scopes give equal configs: {@link ProxyConfigs} reuses a group's config while its scope stays equal.
 *
 * @param outbound sorted by service, then port
 * @param served   sorted by service, then port, then target port
 * @param services every Service an outbound or served port or one of their backends names, when the
 *                 mesh has it
 */
record ProxyScope(Flavour flavour, Identity identity, String trustDomain, List<OutboundPort> outbound,
        List<ServedPort> served, SortedMap<ServiceRef, MeshService> services, TranslateOptions options) {

    ProxyScope {
        Objects.requireNonNull(flavour, "flavour");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(trustDomain, "trustDomain");
        outbound = List.copyOf(outbound);
        served = List.copyOf(served);
        services = Collections.unmodifiableSortedMap(new TreeMap<>(services));
        Objects.requireNonNull(options, "options");
    }

    /**
     * The scope of the group: what the mesh lets its identity reach, and the Service ports its workloads
     * serve on one of the group's ports (a group without ports serves nothing).
     */
    static ProxyScope of(Mesh mesh, SnapshotGroup group, TranslateOptions options) {
        Identity identity = new Identity(group.namespace(), group.serviceAccount());
        List<OutboundPort> outbound = mesh.outbound(identity).ports().stream()
                .filter(port -> port.protocol() != Protocol.UDP)
                .toList();
        List<ServedPort> served = mesh.inbound(identity).ports().stream()
                .filter(port -> port.port().protocol() != Protocol.UDP)
                .flatMap(port -> port.targetPorts().stream()
                        .filter(group.ports()::contains)
                        .map(target -> new ServedPort(port, target)))
                .toList();
        SortedMap<ServiceRef, MeshService> services = new TreeMap<>();
        for (OutboundPort port : outbound) {
            add(mesh, port.service(), services);
            for (WeightedBackend backend : port.routing().backends()) {
                add(mesh, backend.service(), services);
            }
        }
        served.forEach(port -> add(mesh, port.service(), services));
        return new ProxyScope(group.flavour(), identity, mesh.trustDomain(), outbound, served, services, options);
    }

    /**
     * Whether this scope, built from the mesh before, is also the group's scope in the mesh now, known
     * without building it: the identity's views are the very instances they were (a mesh compiled from
     * the last one takes the views a change does not touch over), so are the Services they name
     * ({@code delta}), and the options are equal. Decided by identity, so a changed scope is never taken
     * for an unchanged one; an equal scope that fails this is built and compared as before.
     */
    boolean sameIn(MeshDelta delta, TranslateOptions options) {
        return delta.sameViews(identity) && this.options.equals(options) && namedServices().allMatch(delta::sameService);
    }

    /** Every Service the scope's ports and their backends name, whether the mesh has it or not (maybe twice). */
    Stream<ServiceRef> namedServices() {
        return Stream.of(
                outbound.stream().map(OutboundPort::service),
                outbound.stream().flatMap(port -> port.routing().backends().stream()).map(WeightedBackend::service),
                served.stream().map(ServedPort::service)).flatMap(refs -> refs);
    }

    /** The Service of an outbound or served port: the mesh has every Service its ports name. */
    MeshService service(ServiceRef ref) {
        return backendService(ref).orElseThrow(() -> new IllegalStateException("the mesh lacks service " + ref));
    }

    /** The Service a backend names, if the mesh has it. */
    Optional<MeshService> backendService(ServiceRef ref) {
        return Optional.ofNullable(services.get(ref));
    }

    private static void add(Mesh mesh, ServiceRef ref, SortedMap<ServiceRef, MeshService> services) {
        if (!services.containsKey(ref)) {
            mesh.service(ref).ifPresent(service -> services.put(ref, service));
        }
    }
}
