package io.gitmesh.model;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * The compiled mesh (DESIGN.md §1): identities, services, and per identity what it may reach
 * (outbound) and whom it admits (inbound). Immutable and deterministic: the same policy and cluster
 * state give an equal value, whatever order they were read in. Built by
 * {@code io.gitmesh.model.compile.MeshCompiler}.
 *
 * @param trustDomain   the SPIFFE trust domain of every identity
 * @param identities    every identity of the cluster: declared ServiceAccounts and those workloads run as
 * @param services      every Service of the cluster
 * @param outboundViews in SMI mode, per identity of {@code identities}, what it may reach; empty in
 *                      permissive mode, where every identity may reach every port (so the mesh stays
 *                      as large as the cluster, not identities times ports): ask {@link #outbound}
 * @param inboundViews  per identity of {@code identities}, what its workloads serve and whom they admit
 */
public record Mesh(String trustDomain, TrafficMode mode, List<Identity> identities,
        SortedMap<ServiceRef, MeshService> services, SortedMap<Identity, Outbound> outboundViews,
        SortedMap<Identity, Inbound> inboundViews) {

    private static final Function<MeshService, ServiceRef> SERVICE_KEY = MeshService::ref;
    private static final Function<Outbound, Identity> OUTBOUND_KEY = Outbound::identity;
    private static final Function<Inbound, Identity> INBOUND_KEY = Inbound::identity;

    public Mesh {
        Values.requireText(trustDomain, "trustDomain");
        Objects.requireNonNull(mode, "mode");
        identities = Values.sortedSet(identities);
        services = Values.keyedBy(services, SERVICE_KEY, "service");
        outboundViews = Values.keyedBy(outboundViews, OUTBOUND_KEY, "outbound view");
        inboundViews = Values.keyedBy(inboundViews, INBOUND_KEY, "inbound view");
        if (mode == TrafficMode.PERMISSIVE && !outboundViews.isEmpty()) {
            throw new IllegalArgumentException("inconsistent mesh: outbound views in permissive mode");
        }
    }

    /**
     * This mesh with some services and views replaced, added or removed, and the rest shared with it:
     * what a change of policy makes of it (the cluster, and so the identities, stay the same).
     *
     * @param services        services to put, each under its own reference
     * @param removedServices services to take out
     * @param outbound        outbound views to put, each under its identity
     * @param inbound         inbound views to put, each under its identity
     */
    public Mesh with(Collection<MeshService> services, Collection<ServiceRef> removedServices,
            Collection<Outbound> outbound, Collection<Inbound> inbound) {
        return new Mesh(trustDomain, mode, identities, Values.keyedWith(this.services, services, removedServices),
                Values.keyedWith(outboundViews, outbound, List.of()), Values.keyedWith(inboundViews, inbound, List.of()));
    }

    public Optional<MeshService> service(ServiceRef ref) {
        return Optional.ofNullable(services.get(ref));
    }

    /**
     * What {@code identity} may reach: in permissive mode every port of every service; in SMI mode
     * what TrafficTargets open to it (nothing for an identity the cluster state does not know yet,
     * such as a pod that just started).
     */
    public Outbound outbound(Identity identity) {
        if (mode == TrafficMode.PERMISSIVE) {
            return new Outbound(identity, everyPort(services.values()));
        }
        Outbound known = outboundViews.get(identity);
        return known != null ? known : new Outbound(identity, List.of());
    }

    /** What the workloads of {@code identity} serve, and whom they admit; empty when they serve nothing. */
    public Inbound inbound(Identity identity) {
        Inbound known = inboundViews.get(identity);
        return known != null ? known : new Inbound(identity, List.of());
    }

    /** What {@code source} may send to the service port; empty when it may not reach it at all. */
    public Optional<Permission> permission(Identity source, ServiceRef service, int port) {
        if (mode == TrafficMode.PERMISSIVE) {
            return service(service).flatMap(s -> s.port(port)).map(p -> Permission.ALL);
        }
        return outbound(source).port(service, port).map(OutboundPort::permission);
    }

    /** Whether {@code source} may reach the service port (some or all requests). */
    public boolean mayReach(Identity source, ServiceRef service, int port) {
        return permission(source, service, port).isPresent();
    }

    /** Where traffic to the service port goes, for any caller. */
    public Optional<Routing> routing(ServiceRef service, int port) {
        return service(service).flatMap(s -> s.port(port)).map(MeshPort::routing);
    }

    public SpiffeId spiffeId(Identity identity) {
        return identity.spiffeId(trustDomain);
    }

    /** Every port of every service, open to every request: what each identity may reach in permissive mode. */
    private static List<OutboundPort> everyPort(Collection<MeshService> services) {
        return services.stream()
                .flatMap(s -> s.ports().stream().map(p -> new OutboundPort(s.ref(), p, Permission.ALL)))
                .sorted()
                .toList();
    }
}
