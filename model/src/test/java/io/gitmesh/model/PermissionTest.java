package io.gitmesh.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionTest {
    private static final RouteMatch GET = new RouteMatch("ns/g", "get", "/", List.of("GET"), List.of());
    private static final RouteMatch POST = new RouteMatch("ns/g", "post", "/", List.of("POST"), List.of());

    @Test
    void everythingAbsorbsRoutes() {
        assertThat(Permission.ALL.union(Permission.routes(List.of(GET)))).isEqualTo(Permission.ALL);
        assertThat(Permission.routes(List.of(GET)).union(Permission.ALL)).isEqualTo(Permission.ALL);
    }

    @Test
    void routesAddUpSortedAndOnce() {
        Permission union = Permission.routes(List.of(POST, GET)).union(Permission.routes(List.of(GET)));

        assertThat(union).isEqualTo(new Permission.Routes(List.of(GET, POST)));
        assertThat(((Permission.Routes) union).matches()).containsExactly(GET, POST);
    }

    @Test
    void aRoutePermissionHasAtLeastOneMatch() {
        assertThatThrownBy(() -> Permission.routes(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
