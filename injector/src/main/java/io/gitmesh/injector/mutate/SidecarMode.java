package io.gitmesh.injector.mutate;

import io.gitmesh.schema.policy.SidecarSettings;
import java.util.Arrays;
import java.util.Optional;

/** How the proxy runs in the pod. */
public enum SidecarMode {
    /**
     * A native sidecar (Kubernetes 1.29+): an init container with {@code restartPolicy: Always} and a
     * startup probe on Envoy's readiness, so the app's init containers and containers start after Envoy
     * is ready, and a Job's pod completes when its containers do.
     */
    NATIVE(SidecarSettings.NATIVE),
    /**
     * For clusters without native sidecars: the first regular container, with a postStart hook that waits
     * for Envoy's readiness. Limits: a Job's pod never completes (Envoy keeps running); the app's init
     * containers run before Envoy exists and bypass it; at shutdown Envoy may stop before the app has
     * drained; the hook needs {@code bash} in the proxy image; and the ordering relies on the kubelet
     * starting containers in order and holding the next one until a postStart hook returns — what it
     * does, not what the API promises.
     */
    LEGACY(SidecarSettings.LEGACY);

    private final String wireName;

    SidecarMode(String wireName) {
        this.wireName = wireName;
    }

    /** {@code native} or {@code legacy}: the MeshConfig's {@code spec.sidecar.mode} and the injected marker. */
    public String wireName() {
        return wireName;
    }

    public static Optional<SidecarMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
