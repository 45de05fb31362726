package io.gitmesh.injector.mutate;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The proxy's CPU and memory requests and limits, as Kubernetes quantities; empty means "not set".
 * A request never exceeds its limit.
 */
public record ProxyResources(Optional<String> cpuRequest, Optional<String> memoryRequest, Optional<String> cpuLimit,
        Optional<String> memoryLimit) {
    /**
     * Requests of 100m CPU and 128Mi, a 512Mi memory limit and no CPU limit: Envoy's memory grows with the
     * config it holds, and a CPU limit would throttle it in the request path.
     */
    public static final ProxyResources DEFAULT = new ProxyResources(Optional.of("100m"), Optional.of("128Mi"),
            Optional.empty(), Optional.of("512Mi"));

    public ProxyResources {
        Objects.requireNonNull(cpuRequest, "cpuRequest");
        Objects.requireNonNull(memoryRequest, "memoryRequest");
        Objects.requireNonNull(cpuLimit, "cpuLimit");
        Objects.requireNonNull(memoryLimit, "memoryLimit");
        for (Optional<String> quantity : List.of(cpuRequest, memoryRequest, cpuLimit, memoryLimit)) {
            quantity.flatMap(Quantities::problem).ifPresent(problem -> {
                throw new IllegalArgumentException("proxy resources: " + problem);
            });
        }
        List<String> problems = new ArrayList<>();
        checkOrder("CPU", cpuRequest, cpuLimit, Annotations.PROXY_CPU_LIMIT, problems);
        checkOrder("memory", memoryRequest, memoryLimit, Annotations.PROXY_MEMORY_LIMIT, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * These resources with the pod's annotations ({@link Annotations#PROXY_CPU} and the other three)
     * applied; on a bad annotation, the problems go to {@code problems} (each bad value counted as absent,
     * so the rest are still checked) and these resources come back.
     */
    ProxyResources overriddenBy(Map<String, String> annotations, List<String> problems) {
        int before = problems.size();
        Optional<String> cpu = annotation(annotations, Annotations.PROXY_CPU, problems).or(this::cpuRequest);
        Optional<String> memory = annotation(annotations, Annotations.PROXY_MEMORY, problems).or(this::memoryRequest);
        Optional<String> cpuMax = annotation(annotations, Annotations.PROXY_CPU_LIMIT, problems).or(this::cpuLimit);
        Optional<String> memoryMax = annotation(annotations, Annotations.PROXY_MEMORY_LIMIT, problems)
                .or(this::memoryLimit);
        checkOrder("CPU", cpu, cpuMax, Annotations.PROXY_CPU_LIMIT, problems);
        checkOrder("memory", memory, memoryMax, Annotations.PROXY_MEMORY_LIMIT, problems);
        return problems.size() == before ? new ProxyResources(cpu, memory, cpuMax, memoryMax) : this;
    }

    /** As a container's {@code resources}. */
    ResourceRequirements requirements() {
        Map<String, Quantity> requests = new TreeMap<>();
        cpuRequest.ifPresent(q -> requests.put("cpu", new Quantity(q)));
        memoryRequest.ifPresent(q -> requests.put("memory", new Quantity(q)));
        Map<String, Quantity> limits = new TreeMap<>();
        cpuLimit.ifPresent(q -> limits.put("cpu", new Quantity(q)));
        memoryLimit.ifPresent(q -> limits.put("memory", new Quantity(q)));
        ResourceRequirements requirements = new ResourceRequirements();
        requirements.setRequests(requests);
        requirements.setLimits(limits);
        return requirements;
    }

    private static Optional<String> annotation(Map<String, String> annotations, String key, List<String> problems) {
        Optional<String> value = Optional.ofNullable(annotations.get(key)).map(String::strip);
        Optional<String> problem = value.flatMap(Quantities::problem);
        problem.ifPresent(p -> problems.add(key + ": " + p));
        return problem.isEmpty() ? value : Optional.empty();
    }

    private static void checkOrder(String resource, Optional<String> request, Optional<String> limit,
            String limitAnnotation, List<String> problems) {
        if (request.isPresent() && limit.isPresent() && Quantities.compare(request.get(), limit.get()) > 0) {
            problems.add("the proxy's " + resource + " request " + request.get() + " is above its limit "
                    + limit.get() + " (Kubernetes would refuse the pod); lower the request or raise the limit ("
                    + limitAnnotation + ")");
        }
    }
}
