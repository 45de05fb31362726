package io.gitmesh.model.cluster;

import io.gitmesh.model.Identity;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.schema.ClusterCatalog;
import io.gitmesh.schema.kube.KubeObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the mesh needs to know about the cluster: namespaces, ServiceAccounts, Services, workloads and
 * endpoints. Immutable, every list in a stable order; equal states compare equal whatever order their
 * parts were added in. Built from Kubernetes objects read from files ({@link #of}) or, by an
 * informer adapter, through {@link #builder()}. What is behind each Service is worked out once, when
 * the state is built (see {@link #backends}).
 */
public final class ClusterState implements ClusterCatalog {
    /** Nothing known about the cluster: every reference check passes (see {@link ClusterCatalog}). */
    public static final ClusterState EMPTY = new ClusterState(false, new Builder());

    private final boolean known;
    private final List<Namespace> namespaces;
    private final List<Identity> serviceAccounts;
    private final List<Service> services;
    private final List<Workload> workloads;
    private final List<EndpointSlice> endpointSlices;
    private final List<Identity> identities;
    private final Set<Identity> identitySet;
    private final Map<ServiceRef, Service> servicesByRef;
    private final Map<ServiceRef, ServiceBackends> backends;

    private ClusterState(boolean known, Builder builder) {
        this.known = known;
        this.serviceAccounts = List.copyOf(builder.serviceAccounts);
        this.services = List.copyOf(builder.services.values());
        this.workloads = List.copyOf(builder.workloads.values());
        this.endpointSlices = List.copyOf(builder.endpointSlices);
        this.namespaces = withImpliedNamespaces(builder.namespaces);
        this.identities = Stream.concat(serviceAccounts.stream(), workloads.stream().map(Workload::identity))
                .sorted().distinct().toList();
        this.identitySet = Set.copyOf(identities);
        this.servicesByRef = Map.copyOf(builder.services);
        BackendResolver resolver = new BackendResolver(workloads, endpointSlices);
        this.backends = services.stream()
                .collect(Collectors.toMap(Service::ref, resolver::backendsOf, (a, b) -> a, TreeMap::new));
    }

    /**
     * The state the objects describe (one object per kind, namespace and name). No objects at all
     * means nothing is known: {@link #EMPTY}, so that policy references are not checked against an
     * empty cluster.
     */
    public static ClusterState of(List<KubeObject> objects) {
        return objects.isEmpty() ? EMPTY : KubeObjectMapper.toBuilder(objects).build();
    }

    /**
     * Whether two objects say the same about the cluster: the same instance, or the same kind, namespace
     * and name and the same parts once read, whatever their origins and positions (a file edited above an
     * object moves it without changing it). A state built from objects that are pairwise alike equals one
     * built from the others.
     */
    public static boolean alike(KubeObject a, KubeObject b) {
        return a == b || a.key().equals(b.key())
                && KubeObjectMapper.toBuilder(List.of(a)).sameParts(KubeObjectMapper.toBuilder(List.of(b)));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean known() {
        return known;
    }

    @Override
    public boolean hasService(String namespace, String name) {
        return !known
                || isName(namespace) && isName(name) && servicesByRef.containsKey(new ServiceRef(namespace, name));
    }

    @Override
    public boolean hasServiceAccount(String namespace, String name) {
        return !known || isName(namespace) && isName(name)
                && identitySet.contains(new Identity(namespace, name));
    }

    /** Declared namespaces, and those only implied by the objects in them (without labels); sorted. */
    public List<Namespace> namespaces() {
        return namespaces;
    }

    /** The declared ServiceAccounts, sorted. */
    public List<Identity> serviceAccounts() {
        return serviceAccounts;
    }

    /** Every identity: the declared ServiceAccounts and those workloads run as; sorted. */
    public List<Identity> identities() {
        return identities;
    }

    /** Sorted by namespace and name. */
    public List<Service> services() {
        return services;
    }

    public Optional<Service> service(ServiceRef ref) {
        return Optional.ofNullable(servicesByRef.get(ref));
    }

    /** Sorted by namespace, kind and name. */
    public List<Workload> workloads() {
        return workloads;
    }

    /** The endpoint slices given (sorted); a Service without any has endpoints derived from its pods. */
    public List<EndpointSlice> endpointSlices() {
        return endpointSlices;
    }

    /** What is behind the Service; {@link ServiceBackends#NONE} for an unknown one. */
    public ServiceBackends backends(ServiceRef service) {
        return backends.getOrDefault(service, ServiceBackends.NONE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterState other && known == other.known && namespaces.equals(other.namespaces)
                && serviceAccounts.equals(other.serviceAccounts) && services.equals(other.services)
                && workloads.equals(other.workloads) && endpointSlices.equals(other.endpointSlices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(known, namespaces, serviceAccounts, services, workloads, endpointSlices);
    }

    @Override
    public String toString() {
        return "ClusterState[known=" + known + ", namespaces=" + namespaces + ", serviceAccounts=" + serviceAccounts
                + ", services=" + services + ", workloads=" + workloads + ", endpointSlices=" + endpointSlices + "]";
    }

    private List<Namespace> withImpliedNamespaces(Map<String, Namespace> declared) {
        Map<String, Namespace> all = new TreeMap<>(declared);
        Stream.of(serviceAccounts.stream().map(Identity::namespace),
                        services.stream().map(s -> s.ref().namespace()),
                        workloads.stream().map(w -> w.ref().namespace()),
                        endpointSlices.stream().map(s -> s.service().namespace()))
                .flatMap(Function.identity())
                .forEach(ns -> all.computeIfAbsent(ns, name -> new Namespace(name, Map.of())));
        return List.copyOf(all.values());
    }

    private static boolean isName(String name) {
        return name != null && !name.isEmpty();
    }

    /** Collects the parts of a state; a later part with the same key replaces an earlier one. */
    public static final class Builder {
        private final Map<String, Namespace> namespaces = new TreeMap<>();
        private final Set<Identity> serviceAccounts = new TreeSet<>();
        private final Map<ServiceRef, Service> services = new TreeMap<>();
        private final Map<WorkloadRef, Workload> workloads = new TreeMap<>();
        private final Set<EndpointSlice> endpointSlices = new TreeSet<>();

        private Builder() {
        }

        public Builder namespace(Namespace namespace) {
            namespaces.put(namespace.name(), namespace);
            return this;
        }

        public Builder serviceAccount(Identity serviceAccount) {
            serviceAccounts.add(Objects.requireNonNull(serviceAccount));
            return this;
        }

        public Builder service(Service service) {
            services.put(service.ref(), service);
            return this;
        }

        public Builder workload(Workload workload) {
            workloads.put(workload.ref(), workload);
            return this;
        }

        public Builder endpointSlice(EndpointSlice slice) {
            endpointSlices.add(Objects.requireNonNull(slice));
            return this;
        }

        /** Whether the two hold the same parts. */
        boolean sameParts(Builder other) {
            return namespaces.equals(other.namespaces) && serviceAccounts.equals(other.serviceAccounts)
                    && services.equals(other.services) && workloads.equals(other.workloads)
                    && endpointSlices.equals(other.endpointSlices);
        }

        /** A known cluster state (even with no parts: a cluster that is empty). */
        public ClusterState build() {
            return new ClusterState(true, this);
        }
    }
}
