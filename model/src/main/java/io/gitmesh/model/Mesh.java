package io.gitmesh.model;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

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

    public Mesh {
        Values.requireText(trustDomain, "trustDomain");
        Objects.requireNonNull(mode, "mode");
        identities = Values.sortedSet(identities);
        services = Values.sortedMap(services);
        outboundViews = Values.sortedMap(outboundViews);
        inboundViews = Values.sortedMap(inboundViews);
        services.forEach((ref, service) -> require(ref.equals(service.ref()), "service " + ref + " filed under "
                + service.ref()));
        outboundViews.forEach((id, view) -> require(id.equals(view.identity()), "outbound of " + id));
        require(mode == TrafficMode.SMI || outboundViews.isEmpty(), "outbound views in permissive mode");
        inboundViews.forEach((id, view) -> require(id.equals(view.identity()), "inbound of " + id));
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

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalArgumentException("inconsistent mesh: " + what);
        }
    }
}
