package io.gitmesh.model.cluster;

import static java.util.function.Predicate.not;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;
import static java.util.stream.Collectors.toMap;

import io.gitmesh.model.Endpoint;
import io.gitmesh.model.ServiceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Works out what is behind each Service. Its workloads are those in its namespace whose pod labels
 * contain its (non-empty) selector, plus the Pods its endpoint slices name. Its endpoints come from
 * its EndpointSlices/Endpoints when it has any (Kubernetes' own answer, with readiness); otherwise
 * from the IPs of the Pods it selects, on the port each pod serves the Service port on.
 */
final class BackendResolver {
    /** One label of the pods of a namespace: a selector's first label narrows the workloads to check. */
    private record Label(String namespace, String key, String value) {
    }

    private final Map<Label, List<Workload>> workloadsByLabel;
    private final Map<WorkloadRef, Workload> workloadsByRef;
    private final Map<ServiceRef, List<EndpointSlice>> slicesByService;

    BackendResolver(List<Workload> workloads, List<EndpointSlice> slices) {
        this.workloadsByLabel = workloads.stream()
                .flatMap(w -> w.podLabels().entrySet().stream()
                        .map(l -> Map.entry(new Label(w.ref().namespace(), l.getKey(), l.getValue()), w)))
                .collect(groupingBy(Map.Entry::getKey, mapping(Map.Entry::getValue, toList())));
        this.workloadsByRef = workloads.stream().collect(toMap(Workload::ref, Function.identity()));
        this.slicesByService = slices.stream().collect(groupingBy(EndpointSlice::service));
    }

    ServiceBackends backendsOf(Service service) {
        List<EndpointSlice> slices = slicesByService.getOrDefault(service.ref(), List.of());
        List<Workload> workloads = new ArrayList<>(selectedBy(service));
        slices.stream()
                .flatMap(s -> s.addresses().stream())
                .map(EndpointSlice.Address::podName)
                .filter(not(String::isEmpty))
                .map(pod -> workloadsByRef.get(new WorkloadRef(service.ref().namespace(), WorkloadRef.POD, pod)))
                .filter(Objects::nonNull)
                .forEach(workloads::add);
        return new ServiceBackends(workloads, workloads.stream().map(Workload::identity).toList(),
                slices.isEmpty() ? fromPods(service, workloads) : fromSlices(service, slices));
    }

    private List<Workload> selectedBy(Service service) {
        if (service.selector().isEmpty()) {
            return List.of();
        }
        Map.Entry<String, String> first = service.selector().entrySet().iterator().next();
        return workloadsByLabel.getOrDefault(new Label(service.ref().namespace(), first.getKey(), first.getValue()),
                        List.of())
                .stream()
                .filter(w -> service.selects(w.podLabels()))
                .toList();
    }

    private static Map<String, List<Endpoint>> fromSlices(Service service, List<EndpointSlice> slices) {
        Map<String, List<Endpoint>> endpoints = new TreeMap<>();
        for (ServicePort port : service.ports()) {
            List<Endpoint> addresses = new ArrayList<>();
            for (EndpointSlice slice : slices) {
                slice.ports().stream()
                        .filter(p -> p.name().equals(port.name()) && p.transport() == port.transport())
                        .forEach(p -> slice.addresses().forEach(
                                a -> addresses.add(new Endpoint(a.ip(), p.port(), a.ready()))));
            }
            endpoints.put(port.name(), addresses);
        }
        return endpoints;
    }

    private static Map<String, List<Endpoint>> fromPods(Service service, List<Workload> workloads) {
        Map<String, List<Endpoint>> endpoints = new TreeMap<>();
        for (ServicePort port : service.ports()) {
            List<Endpoint> addresses = new ArrayList<>();
            for (Workload workload : workloads) {
                workload.listensOn(port).ifPresent(target -> workload.addresses()
                        .forEach(ip -> addresses.add(new Endpoint(ip, target, true))));
            }
            endpoints.put(port.name(), addresses);
        }
        return endpoints;
    }
}
