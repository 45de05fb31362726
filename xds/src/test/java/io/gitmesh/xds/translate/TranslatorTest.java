package io.gitmesh.xds.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape rules of translation that behaviour tests do not show. */
class TranslatorTest {
    private static final Translator TRANSLATOR = new Translator();
    private static final ProxyConfig NOTHING = ProxyConfig.builder().build();
    private static final String PERMISSIVE = """
            apiVersion: gitmesh.io/v1alpha1
            kind: MeshConfig
            metadata: {name: mesh}
            spec: {traffic: {permissive: true}}
            """;

    @Test
    void everyConfigHasWhatItRefersToAndNoTwoFilterChainsAlike() {
        for (GoldenCases.Case golden : GoldenCases.all()) {
            golden.configsByFile().forEach((file, config) -> {
                assertThat(config.missingReferences()).as(file).isEmpty();
                for (Listener listener : config.listeners()) {
                    assertThat(listener.getFilterChainsList()).as(file + " " + listener.getName())
                            .extracting(FilterChain::getFilterChainMatch).doesNotHaveDuplicates();
                    assertThat(listener.getFilterChainsList()).as(file + " " + listener.getName())
                            .extracting(FilterChain::getName).doesNotHaveDuplicates();
                }
            });
        }
    }

    @Test
    void anIdentityThatMayReachNothingAndServesNothingGetsAnEmptyConfig() {
        Mesh demo = Meshes.osmDemo(false);

        for (Flavour flavour : Flavour.values()) {
            assertThat(TRANSLATOR.translate(demo, SnapshotGroup.of("bookthief", "bookthief", flavour),
                    TranslateOptions.defaults())).isEqualTo(NOTHING);
        }
    }

    @Test
    void theGroupsPortsDecideWhichServedPortsItsProxiesListenFor() {
        Mesh demo = Meshes.osmDemo(false);
        SnapshotGroup withoutPorts = SnapshotGroup.of("bookstore", "bookstore", Flavour.ENVOY);
        SnapshotGroup onOtherPorts = new SnapshotGroup("bookstore", "bookstore", Flavour.ENVOY, List.of(8080));
        SnapshotGroup onItsPort = new SnapshotGroup("bookstore", "bookstore", Flavour.ENVOY, List.of(14001));

        assertThat(listenerNames(TRANSLATOR.translate(demo, withoutPorts, TranslateOptions.defaults())))
                .containsExactly(ResourceNames.OUTBOUND_LISTENER);
        assertThat(listenerNames(TRANSLATOR.translate(demo, onOtherPorts, TranslateOptions.defaults())))
                .containsExactly(ResourceNames.OUTBOUND_LISTENER);
        assertThat(listenerNames(TRANSLATOR.translate(demo, onItsPort, TranslateOptions.defaults())))
                .containsExactly(ResourceNames.INBOUND_LISTENER, ResourceNames.OUTBOUND_LISTENER);
    }

    @Test
    void udpPortsAreLeftToTheNetwork() {
        Mesh mesh = Meshes.compile(Shop.CLIENTS, Shop.service("dns", "10.96.0.53", "app: dns",
                "{name: dns, port: 53, protocol: UDP}"), Shop.pod("dns-0", "dns", "10.1.9.1", "app: dns",
                "{name: dns, containerPort: 53, protocol: UDP}"), PERMISSIVE);
        assertThat(mesh.mayReach(new Identity("shop", "web"), new ServiceRef("shop", "dns"), 53)).isTrue();

        for (SnapshotGroup group : Meshes.groups(mesh, Flavour.ENVOY).values()) {
            assertThat(TRANSLATOR.translate(mesh, group, TranslateOptions.defaults())).as(group.id())
                    .isEqualTo(NOTHING);
        }
    }

    /**
     * Without ClusterIPs a sidecar can tell Services on one port apart only by the Host header: HTTP
     * Services share a chain on the port, and TCP Services there get none (nothing would tell which).
     */
    @Test
    void servicesWithUnknownAddressesShareAChainOnTheirPortWhenHttpTellsThemApart() {
        Mesh mesh = Meshes.compile(Shop.CLIENTS,
                Shop.service("blog", "", "app: blog", "{name: http, port: 80}"),
                Shop.service("wiki", "", "app: wiki", "{name: http, port: 80}"),
                Shop.service("ssh", "", "app: ssh", "{name: tcp-ssh, port: 80}"),
                Shop.service("git", "", "app: git", "{name: tcp-git, port: 9418}"),
                PERMISSIVE);

        ProxyConfig web = TRANSLATOR.translate(mesh, SnapshotGroup.of("shop", "web", Flavour.ENVOY),
                TranslateOptions.defaults());

        assertThat(web.listeners().getFirst().getFilterChainsList()).extracting(FilterChain::getName)
                .containsExactly("outbound:*:80", "outbound:*:9418");
        assertThat(web.routes().getFirst().getVirtualHostsList()).extracting(v -> v.getName())
                .containsExactly("shop/blog:80", "shop/wiki:80");
        assertThat(web.clusters()).extracting(c -> c.getName()).containsExactly("shop/blog:80", "shop/git:9418",
                "shop/wiki:80");
    }

    private static List<String> listenerNames(ProxyConfig config) {
        return config.listeners().stream().map(Listener::getName).toList();
    }
}
