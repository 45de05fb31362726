package io.gitmesh.xds.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.envoy.config.rbac.v3.Policy;
import io.envoyproxy.envoy.config.rbac.v3.RBAC;
import io.gitmesh.model.Mesh;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Equal input gives byte-identical resources and equal versions (DESIGN.md §5). */
class DeterminismTest {

    @Test
    void translatingTwiceGivesByteIdenticalResourcesAndEqualVersions() {
        for (GoldenCases.Case golden : GoldenCases.all()) {
            Map<String, ProxyConfig> first = golden.configsByFile();
            Map<String, ProxyConfig> second = golden.configsByFile();

            first.forEach((file, config) -> {
                assertThat(serialized(second.get(file))).as(file).isEqualTo(serialized(config));
                assertThat(second.get(file).version()).as(file).isEqualTo(config.version());
            });
        }
    }

    @Test
    void policyAndClusterInAnotherOrderGiveTheSameVersions() {
        Mesh written = Meshes.compile(Shop.CLIENTS, Shop.GREETER, ShopPolicies.GREETER);
        Mesh reversed = Meshes.compile(ShopPolicies.GREETER, Shop.GREETER, Shop.CLIENTS);

        for (Flavour flavour : Flavour.values()) {
            Map<String, String> versions = versions(written, flavour);
            assertThat(versions(reversed, flavour)).isEqualTo(versions);
            assertThat(versions.values()).as("configs differ between identities").doesNotHaveDuplicates();
        }
    }

    @Test
    void packedRbacRulesDoNotDependOnTheOrderPoliciesWereAdded() {
        Policy a = Policy.newBuilder().addPermissions(HttpMatches.anyRequest()).build();
        Policy b = Policy.newBuilder().addPermissions(HttpMatches.anyRequest().toBuilder().setAny(false)).build();
        RBAC ab = RBAC.newBuilder().putPolicies("a", a).putPolicies("b", b).build();
        RBAC ba = RBAC.newBuilder().putPolicies("b", b).putPolicies("a", a).build();

        assertThat(Protos.pack(ba).getValue()).isEqualTo(Protos.pack(ab).getValue());
    }

    private static Map<String, String> versions(Mesh mesh, Flavour flavour) {
        Translator translator = new Translator();
        Map<String, String> versions = new TreeMap<>();
        for (SnapshotGroup group : Meshes.groups(mesh, flavour).values()) {
            versions.put(group.id(), translator.translate(mesh, group, TranslateOptions.defaults()).version());
        }
        return versions;
    }

    /** Every resource's bytes, by type and name. */
    private static Map<String, ByteString> serialized(ProxyConfig config) {
        Map<String, ByteString> resources = new TreeMap<>();
        for (ResourceType type : ResourceType.values()) {
            config.resources(type).resources().forEach((name, resource) ->
                    resources.put(type + " " + name, ((Message) resource.resource()).toByteString()));
        }
        return resources;
    }
}
