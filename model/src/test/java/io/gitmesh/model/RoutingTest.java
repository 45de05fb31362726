package io.gitmesh.model;

import static io.gitmesh.model.ClusterFixtures.id;
import static io.gitmesh.model.ClusterFixtures.svc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTest {
    private static final RouteMatch CANARY = new RouteMatch("ns/ab", "canary", RouteMatch.ANY_PATH, List.of(),
            List.of(new HeaderCondition("X-Canary", "1")));

    @Test
    void directRoutingSendsEverythingToTheServiceItself() {
        Routing routing = Routing.direct(svc("ns", "web"), 80, List.of(id("ns", "web")));

        assertThat(routing.routes()).hasSize(1);
        assertThat(routing.defaultRoute().matchesEveryRequest()).isTrue();
        assertThat(routing.backends()).containsExactly(
                new WeightedBackend(svc("ns", "web"), 80, 100, List.of(id("ns", "web"))));
    }

    @Test
    void theLastRouteMustMatchEveryRequest() {
        TrafficRoute canary = new TrafficRoute(List.of(CANARY), List.of(backend("web-v2", 100)));

        assertThatThrownBy(() -> new Routing(List.of(canary)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last route must match every request");
        assertThatThrownBy(() -> new Routing(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheLastRouteMayMatchEveryRequest() {
        TrafficRoute all = new TrafficRoute(List.of(), List.of(backend("web", 100)));

        assertThatThrownBy(() -> new Routing(List.of(all, all)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only the last route");
    }

    @Test
    void percentsOfARouteSumTo100() {
        assertThatThrownBy(() -> new TrafficRoute(List.of(), List.of(backend("a", 50), backend("b", 40))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum to 100, not 90");
    }

    @Test
    void aServiceIsABackendOnceInARoute() {
        assertThatThrownBy(() -> new TrafficRoute(List.of(), List.of(backend("a", 50),
                new WeightedBackend(svc("ns", "a"), 81, 50, List.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("appears twice");
    }

    @Test
    void headerNamesAreKeptInLowercase() {
        assertThat(CANARY.headers()).containsExactly(new HeaderCondition("x-canary", "1"));
    }

    @Test
    void anAsteriskMeansAnyMethod() {
        RouteMatch match = new RouteMatch("ns/g", "m", "/x", List.of("GET", "*"), List.of());

        assertThat(match.anyMethod()).isTrue();
        assertThat(match.methods()).isEmpty();
    }

    private static WeightedBackend backend(String service, int percent) {
        return new WeightedBackend(svc("ns", service), 80, percent, List.of());
    }
}
