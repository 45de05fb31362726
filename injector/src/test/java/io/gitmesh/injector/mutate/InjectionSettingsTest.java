package io.gitmesh.injector.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.schema.policy.SidecarSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InjectionSettingsTest {
    @Test
    void theMeshConfigChoosesTheMode() {
        assertThat(InjectionSettings.from(SidecarSettings.defaults())).isEqualTo(InjectionSettings.DEFAULT);
        assertThat(InjectionSettings.from(new SidecarSettings(SidecarSettings.LEGACY)).mode())
                .isEqualTo(SidecarMode.LEGACY);
    }

    @Test
    void resourcesAreQuantitiesWithRequestsWithinLimits() {
        assertThatThrownBy(() -> new ProxyResources(Optional.of("1 core"), Optional.empty(), Optional.empty(),
                Optional.empty())).hasMessage("proxy resources: \"1 core\" is not a Kubernetes quantity (like 100m, "
                        + "0.5, 128Mi or 1G)");
        assertThatThrownBy(() -> new ProxyResources(Optional.empty(), Optional.of("1Gi"), Optional.empty(),
                Optional.of("1000M"))).hasMessageStartingWith("the proxy's memory request 1Gi is above its limit 1000M");
    }
}
