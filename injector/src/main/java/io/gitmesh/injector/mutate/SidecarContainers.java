package io.gitmesh.injector.mutate;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.List;

/**
 * The two containers the injector adds: the iptables init container and the Envoy proxy.
 *
 * <p>The proxy runs {@code envoy -c /etc/gitmesh/bootstrap.json} as user {@value SidecarLayout#PROXY_UID},
 * unprivileged, read-only, with every capability dropped. Its node id comes from the downward API
 * ({@code --service-node $(POD_NAMESPACE)/$(POD_NAME)}), so it is right even where the bootstrap was
 * written before the pod had a name. Its readiness is Envoy's own ({@code /ready} on the metrics port:
 * Envoy is ready once its first configuration from the xDS server is in, or has timed out).
 */
final class SidecarContainers {
    private static final String POD_NAME = "POD_NAME";
    private static final String POD_NAMESPACE = "POD_NAMESPACE";
    /** How long the app may wait for Envoy to become ready: 120 checks, one a second. */
    private static final int READY_CHECKS = 120;

    private SidecarContainers() {
    }

    /** The init container that installs the redirection: root with NET_ADMIN and NET_RAW, nothing else. */
    static Container init(InjectionSettings settings, ProxyResources resources, TrafficExclusions exclusions) {
        return new ContainerBuilder()
                .withName(SidecarLayout.INIT_CONTAINER)
                .withImage(settings.initImage())
                .withCommand("sh", "-c")
                .withArgs(IptablesRules.script(exclusions))
                .withResources(resources.requirements())
                .withSecurityContext(new SecurityContextBuilder()
                        .withRunAsUser(0L)
                        .withRunAsNonRoot(false)
                        .withPrivileged(false)
                        .withAllowPrivilegeEscalation(false)
                        .withCapabilities(new Capabilities(List.of("NET_ADMIN", "NET_RAW"), List.of("ALL")))
                        .build())
                .build();
    }

    /** The Envoy container for the settings' mode. */
    static Container proxy(InjectionSettings settings, ProxyResources resources) {
        ContainerBuilder proxy = new ContainerBuilder()
                .withName(SidecarLayout.PROXY_CONTAINER)
                .withImage(settings.proxyImage())
                .withCommand("envoy")
                .withArgs("-c", SidecarLayout.bootstrapPath(),
                        "--service-node", "$(" + POD_NAMESPACE + ")/$(" + POD_NAME + ")",
                        "--concurrency", Integer.toString(settings.proxyConcurrency()),
                        "--disable-hot-restart")
                .withEnv(fieldRef(POD_NAME, "metadata.name"), fieldRef(POD_NAMESPACE, "metadata.namespace"))
                .addNewPort().withName(SidecarLayout.METRICS_PORT_NAME).withContainerPort(SidecarLayout.METRICS_PORT)
                .withProtocol("TCP").endPort()
                .withResources(resources.requirements())
                .withSecurityContext(proxySecurityContext())
                .addNewVolumeMount().withName(SidecarLayout.BOOTSTRAP_VOLUME).withMountPath(SidecarLayout.BOOTSTRAP_DIR)
                .withReadOnly(true).endVolumeMount()
                .withReadinessProbe(ready(5, 3));
        return switch (settings.mode()) {
            case NATIVE -> proxy.withRestartPolicy("Always").withStartupProbe(ready(1, READY_CHECKS)).build();
            case LEGACY -> proxy.withNewLifecycle().withNewPostStart().withNewExec()
                    .withCommand("bash", "-c", waitForReady()).endExec().endPostStart().endLifecycle().build();
        };
    }

    private static SecurityContext proxySecurityContext() {
        return new SecurityContextBuilder()
                .withRunAsUser((long) SidecarLayout.PROXY_UID)
                .withRunAsGroup((long) SidecarLayout.PROXY_UID)
                .withRunAsNonRoot(true)
                .withPrivileged(false)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withCapabilities(new Capabilities(List.of(), List.of("ALL")))
                .build();
    }

    private static Probe ready(int periodSeconds, int failureThreshold) {
        return new ProbeBuilder().withNewHttpGet().withPath(SidecarLayout.READY_PATH)
                .withNewPort(SidecarLayout.METRICS_PORT).endHttpGet()
                .withPeriodSeconds(periodSeconds).withFailureThreshold(failureThreshold).build();
    }

    /**
     * Legacy mode's postStart hook: bash alone (its {@code /dev/tcp}), since the image need not have curl,
     * polls {@code /ready} once a second and fails after {@value #READY_CHECKS} tries, which restarts Envoy.
     */
    private static String waitForReady() {
        return "for i in $(seq " + READY_CHECKS + "); do\n"
                + "  if { printf 'GET " + SidecarLayout.READY_PATH + " HTTP/1.0\\r\\n\\r\\n' >&3 && head -c 12 <&3 "
                + "| grep -q ' 200'; } 3<>/dev/tcp/127.0.0.1/" + SidecarLayout.METRICS_PORT + " 2>/dev/null; then\n"
                + "    exit 0\n"
                + "  fi\n"
                + "  sleep 1\n"
                + "done\n"
                + "exit 1\n";
    }

    private static EnvVar fieldRef(String name, String fieldPath) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withFieldPath(fieldPath)
                .endFieldRef().endValueFrom().build();
    }
}
