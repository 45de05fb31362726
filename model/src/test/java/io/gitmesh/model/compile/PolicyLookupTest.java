package io.gitmesh.model.compile;

import static io.gitmesh.model.PolicyFixtures.policy;
import static io.gitmesh.model.PolicyFixtures.routeGroup;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.policy.HttpRouteGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyLookupTest {
    /** Namespaces that share a prefix, sort next to each other, or are empty. */
    private final List<HttpRouteGroup> groups = policy(
            routeGroup("shop-eu", "a"), routeGroup("shop", "b"), routeGroup("shop", "a"), routeGroup("bank", "z"),
            routeGroup("shopping", "a"), routeGroup("shop", ""), routeGroup("shop.x", "a")).httpRouteGroups();

    @Test
    void aNamespaceIsItsOwnDocumentsOnlyInKeyOrder() {
        assertThat(PolicyLookup.inNamespace(groups, "shop")).extracting(g -> g.meta().name())
                .containsExactly("", "a", "b");
        assertThat(PolicyLookup.inNamespace(groups, "shop-eu")).hasSize(1);
        assertThat(PolicyLookup.inNamespace(groups, "bank")).hasSize(1);
        assertThat(PolicyLookup.inNamespace(groups, "sho")).isEmpty();
        assertThat(PolicyLookup.inNamespace(groups, "zoo")).isEmpty();
        assertThat(PolicyLookup.inNamespace(List.of(), "shop")).isEmpty();
    }

    @Test
    void aNameIsFoundOnlyWhereNamespaceAndNameAreEqual() {
        assertThat(PolicyLookup.named(groups, "shop", "a")).get().extracting(g -> g.meta().namespace())
                .isEqualTo("shop");
        assertThat(PolicyLookup.named(groups, "shop", "")).isPresent();
        assertThat(PolicyLookup.named(groups, "shop", "c")).isEmpty();
        assertThat(PolicyLookup.named(groups, "shopping", "b")).isEmpty();
        assertThat(PolicyLookup.named(groups, "bank", "z")).isPresent();
        assertThat(PolicyLookup.named(groups, "zoo", "a")).isEmpty();
    }
}
