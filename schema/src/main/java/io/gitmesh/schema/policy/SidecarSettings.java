package io.gitmesh.schema.policy;

import java.util.Objects;

/**
 * Sidecar settings of the MeshConfig. The injector issue adds resources and exclusions.
 *
 * @param mode {@code native} (an init container with restartPolicy Always) or {@code legacy}
 */
public record SidecarSettings(String mode) {
    public static final String NATIVE = "native";
    public static final String LEGACY = "legacy";

    public SidecarSettings {
        Objects.requireNonNull(mode, "mode");
    }

    public static SidecarSettings defaults() {
        return new SidecarSettings(NATIVE);
    }
}
