package io.gitmesh.xds.translate;

import io.gitmesh.model.Mesh;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The meshes whose translation is kept as golden files: the OSM bookstore demo, and one {@link Shop}
 * case per feature. Each case is translated for every identity of its mesh, in one flavour.
 */
final class GoldenCases {

    /** A named mesh translated in one flavour with the options. */
    record Case(String name, Mesh mesh, Flavour flavour, TranslateOptions options) {
        /** Each group's config, by the golden file that holds it: {@code <case>/<group id, '/' as '_'>.json}. */
        SortedMap<String, ProxyConfig> configsByFile() {
            Translator translator = new Translator();
            SortedMap<String, ProxyConfig> configs = new TreeMap<>();
            for (SnapshotGroup group : Meshes.groups(mesh, flavour).values()) {
                configs.put(name + "/" + group.id().replace('/', '_') + ".json",
                        translator.translate(mesh, group, options));
            }
            return configs;
        }
    }

    private GoldenCases() {
    }

    static List<Case> all() {
        TranslateOptions defaults = TranslateOptions.defaults();
        return List.of(
                new Case("osm-demo-smi", Meshes.osmDemo(false), Flavour.ENVOY, defaults),
                new Case("osm-demo-permissive", Meshes.osmDemo(true), Flavour.ENVOY, defaults),
                new Case("http-route-group", Meshes.compile(Shop.CLIENTS, Shop.API, ShopPolicies.API_ROUTES),
                        Flavour.ENVOY, defaults),
                new Case("tcp-route", Meshes.compile(Shop.CLIENTS, Shop.DB, ShopPolicies.DB_ACCESS),
                        Flavour.ENVOY, defaults),
                new Case("l4-rule-on-http-port", Meshes.compile(Shop.CLIENTS, Shop.API,
                        ShopPolicies.L4_RULE_ON_HTTP_PORT), Flavour.ENVOY, defaults),
                new Case("split-with-zero-weight", Meshes.compile(Shop.CLIENTS, Shop.API,
                        ShopPolicies.WEB_TO_API_VERSIONS, ShopPolicies.API_SPLIT_WITH_ZERO_WEIGHT),
                        Flavour.ENVOY, defaults),
                new Case("header-matched-split", Meshes.compile(Shop.CLIENTS, Shop.API,
                        ShopPolicies.WEB_TO_API_VERSIONS, ShopPolicies.API_HEADER_SPLIT), Flavour.ENVOY, defaults),
                new Case("tcp-split", Meshes.compile(Shop.CLIENTS, Shop.DB, ShopPolicies.DB_SPLIT),
                        Flavour.ENVOY, defaults),
                new Case("headless-service", Meshes.compile(Shop.CLIENTS, Shop.CACHE, ShopPolicies.CACHE_ACCESS),
                        Flavour.ENVOY, defaults),
                new Case("grpc-behind-sidecars", greeter(), Flavour.ENVOY, defaults),
                new Case("grpc-mtls", greeter(), Flavour.GRPC, defaults),
                new Case("grpc-plaintext", greeter(), Flavour.GRPC, TranslateOptions.insecurePlaintextGrpc()));
    }

    private static Mesh greeter() {
        return Meshes.compile(Shop.CLIENTS, Shop.GREETER, ShopPolicies.GREETER);
    }
}
