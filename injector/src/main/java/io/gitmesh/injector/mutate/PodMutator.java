package io.gitmesh.injector.mutate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Injects the sidecar into a pod, purely: the same settings and pod always give the same result, and
 * nothing is looked up, issued or generated. An injected pod gets
 * <ul>
 *   <li>the iptables init container ({@value SidecarLayout#INIT_CONTAINER});</li>
 *   <li>Envoy ({@value SidecarLayout#PROXY_CONTAINER}): in {@link SidecarMode#NATIVE native} mode an init
 *       container right after the iptables one, before the app's own init containers, so they too start
 *       with a ready proxy; in {@link SidecarMode#LEGACY legacy} mode the first container, with the iptables
 *       container last among the init containers (so the app's init containers, which run before any
 *       proxy exists, keep a working network);</li>
 *   <li>the bootstrap volume, from the pod's {@link BootstrapSecret};</li>
 *   <li>its app probes rewritten to go through the proxy ({@link ProbeRewriter});</li>
 *   <li>annotations: the {@link Annotations#INJECTED} marker, the {@link Annotations#PROBES} targets, and
 *       Prometheus' scrape annotations for the proxy's metrics unless the pod sets its own.</li>
 * </ul>
 * Injecting an injected pod changes nothing, except that a pod injected offline, whose template could
 * not name its Secret, is bound to its Secret when the API server admits it.
 */
public final class PodMutator {
    private final InjectionSettings settings;

    public PodMutator(InjectionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Injection mutate(PodInput pod) {
        String injectedAs = Pods.annotations(pod.metadata()).get(Annotations.INJECTED);
        if (injectedAs != null) {
            return bind(pod).orElseGet(() -> new Injection.NotInjected("already injected (" + Annotations.INJECTED
                    + ": " + injectedAs + ")"));
        }
        return Enrolment.objection(pod).orElseGet(() -> inject(pod));
    }

    private Injection inject(PodInput pod) {
        Map<String, String> annotations = Pods.annotations(pod.metadata());
        List<String> problems = new ArrayList<>();
        ProxyResources resources = settings.resources().overriddenBy(annotations, problems);
        TrafficExclusions exclusions = settings.exclusions().plus(TrafficExclusions.fromAnnotations(annotations,
                problems));
        problems.addAll(containerProblems(pod.spec()));
        if (!problems.isEmpty()) {
            return new Injection.Refused(problems);
        }
        ObjectMeta metadata = new ObjectMetaBuilder(pod.metadata()).build();
        PodSpec spec = new PodSpecBuilder(pod.spec()).build();
        ProbeRewriter.Rewrite probes = ProbeRewriter.rewrite(Pods.appContainers(spec), exclusions.inboundPorts());
        exclusions = exclusions.plusInboundPorts(probes.grpcPorts());

        Container init = SidecarContainers.init(settings, resources, exclusions);
        Container proxy = SidecarContainers.proxy(settings, resources);
        switch (settings.mode()) {
            case NATIVE -> spec.setInitContainers(concat(List.of(init, proxy), Pods.initContainers(spec)));
            case LEGACY -> {
                spec.setInitContainers(concat(Pods.initContainers(spec), List.of(init)));
                spec.setContainers(concat(List.of(proxy), Pods.containers(spec)));
            }
        }
        String secret = BootstrapSecret.nameFor(metadata, pod.admissionUid()).orElse(BootstrapSecret.PENDING);
        spec.setVolumes(concat(Pods.volumes(spec), List.of(new VolumeBuilder()
                .withName(SidecarLayout.BOOTSTRAP_VOLUME).withNewSecret().withSecretName(secret).endSecret().build())));

        Map<String, String> written = new LinkedHashMap<>(annotations);
        written.put(Annotations.INJECTED, settings.mode().wireName());
        if (!probes.targets().isEmpty()) {
            written.put(Annotations.PROBES, ProbeTargets.toJson(probes.targets()));
        }
        if (!written.containsKey(Annotations.PROMETHEUS_SCRAPE)) {
            written.put(Annotations.PROMETHEUS_SCRAPE, "true");
            written.put(Annotations.PROMETHEUS_PORT, Integer.toString(SidecarLayout.METRICS_PORT));
            written.put(Annotations.PROMETHEUS_PATH, SidecarLayout.METRICS_PATH);
        }
        metadata.setAnnotations(written);
        return new Injection.Injected(metadata, spec, probes.warnings());
    }

    /** An injected pod whose Secret is still the placeholder, bound now that it can be named. */
    private static Optional<Injection> bind(PodInput pod) {
        boolean pending = Pods.volume(pod.spec(), SidecarLayout.BOOTSTRAP_VOLUME)
                .filter(v -> v.getSecret() != null && BootstrapSecret.PENDING.equals(v.getSecret().getSecretName()))
                .isPresent();
        Optional<String> secret = BootstrapSecret.nameFor(pod.metadata(), pod.admissionUid());
        if (!pending || secret.isEmpty()) {
            return Optional.empty();
        }
        PodSpec spec = new PodSpecBuilder(pod.spec()).build();
        Volume volume = Pods.volume(spec, SidecarLayout.BOOTSTRAP_VOLUME).orElseThrow();
        volume.getSecret().setSecretName(secret.get());
        return Optional.of(new Injection.Injected(new ObjectMetaBuilder(pod.metadata()).build(), spec, List.of()));
    }

    private static List<String> containerProblems(PodSpec spec) {
        List<String> problems = new ArrayList<>();
        List<String> names = Stream.concat(Pods.initContainers(spec).stream(), Pods.containers(spec).stream())
                .map(Container::getName).toList();
        if (names.contains(null)) {
            problems.add("a container has no name (Kubernetes requires one)");
        }
        names.stream().filter(n -> SidecarLayout.INIT_CONTAINER.equals(n) || SidecarLayout.PROXY_CONTAINER.equals(n))
                .distinct()
                .forEach(name -> problems.add("the pod has a container named " + name + ", a name the injector "
                        + "needs for its own; rename it"));
        if (Pods.volume(spec, SidecarLayout.BOOTSTRAP_VOLUME).isPresent()) {
            problems.add("the pod has a volume named " + SidecarLayout.BOOTSTRAP_VOLUME + ", a name the injector "
                    + "needs for its own; rename it");
        }
        return problems;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).collect(Collectors.toCollection(ArrayList::new));
    }
}
