package io.gitmesh.injector.bootstrap;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.extensions.filters.http.health_check.v3.HealthCheck;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.gitmesh.injector.mutate.Annotations;
import io.gitmesh.injector.mutate.ProbeTarget;
import io.gitmesh.injector.mutate.ProbeTargets;
import io.gitmesh.injector.mutate.SidecarLayout;
import io.gitmesh.model.Identity;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.bootstrap.BootstrapSpec;
import io.gitmesh.xds.bootstrap.EnvoyBootstrap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bootstrap an injected pod's Envoy reads from {@code /etc/gitmesh/bootstrap.json}: what
 * {@link EnvoyBootstrap} gives the pod's identity (node {@code <namespace>/<pod>}, its namespace and
 * service account, mTLS to the xDS server with the {@code cert.pem}, {@code key.pem} and {@code ca.pem}
 * beside it in the same Secret) plus the pod's {@link LocalListeners local listeners}, built from its
 * {@link Annotations#PROBES} annotation. This is the Secret controller's to call, once the pod exists and
 * has its name; pure.
 */
public final class SidecarBootstrap {
    private static final String DEFAULT_SERVICE_ACCOUNT = "default";
    private static final JsonFormat.TypeRegistry TYPES = JsonFormat.TypeRegistry.newBuilder()
            .add(HttpConnectionManager.getDescriptor())
            .add(Router.getDescriptor())
            .add(HealthCheck.getDescriptor())
            .add(UpstreamTlsContext.getDescriptor())
            .add(HttpProtocolOptions.getDescriptor())
            .build();

    private SidecarBootstrap() {
    }

    /**
     * @throws IllegalArgumentException if the pod is not an injected pod with a name and a namespace, or
     *                                  its probes annotation is not one the injector writes
     */
    public static Bootstrap build(Pod pod, String xdsHost, int xdsPort) {
        ObjectMeta metadata = Optional.ofNullable(pod.getMetadata()).orElseGet(ObjectMeta::new);
        Map<String, String> annotations = Optional.ofNullable(metadata.getAnnotations()).orElse(Map.of());
        if (!annotations.containsKey(Annotations.INJECTED)) {
            throw new IllegalArgumentException("the pod is not injected (no " + Annotations.INJECTED + " annotation)");
        }
        if (blank(metadata.getName()) || blank(metadata.getNamespace())) {
            throw new IllegalArgumentException("the pod has no name or namespace yet");
        }
        String serviceAccount = Optional.ofNullable(pod.getSpec()).map(PodSpec::getServiceAccountName)
                .filter(sa -> !blank(sa)).orElse(DEFAULT_SERVICE_ACCOUNT);
        List<ProbeTarget> probes = Optional.ofNullable(annotations.get(Annotations.PROBES)).map(ProbeTargets::parse)
                .orElse(List.of());
        BootstrapSpec spec = new BootstrapSpec(new Identity(metadata.getNamespace(), serviceAccount),
                metadata.getName(), Flavour.ENVOY, xdsHost, xdsPort, List.of(),
                Optional.of(SidecarLayout.BOOTSTRAP_DIR), false);
        Bootstrap.Builder bootstrap = EnvoyBootstrap.build(spec).toBuilder();
        bootstrap.getStaticResourcesBuilder()
                .addAllListeners(LocalListeners.listeners(probes))
                .addAllClusters(LocalListeners.clusters(probes));
        return bootstrap.build();
    }

    /** {@link #build} as Envoy reads it: proto JSON. */
    public static String json(Pod pod, String xdsHost, int xdsPort) {
        try {
            return JsonFormat.printer().usingTypeRegistry(TYPES).print(build(pod, xdsHost, xdsPort)) + "\n";
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the bootstrap holds a type missing from the registry", e);
        }
    }

    /** The types packed into the bootstrap, for reading it back with {@link JsonFormat#parser()}. */
    public static JsonFormat.TypeRegistry typeRegistry() {
        return TYPES;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
