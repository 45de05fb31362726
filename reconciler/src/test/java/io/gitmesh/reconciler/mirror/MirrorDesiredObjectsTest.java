package io.gitmesh.reconciler.mirror;

import static io.gitmesh.reconciler.mirror.MirrorFixtures.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.reconciler.loop.AppliedSources;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.ResourceKey;
import io.gitmesh.schema.policy.PolicyDocument;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** From a compiled revision to the objects the cluster should hold. */
class MirrorDesiredObjectsTest {
    private static final Map<String, List<String>> SHARED_CRDS = Map.of("TrafficTarget", List.of("v1alpha3"),
            "HTTPRouteGroup", List.of("v1alpha4"), "TCPRoute", List.of("v1alpha4"), "UDPRoute", List.of("v1alpha4"),
            "TrafficSplit", List.of("v1alpha4"));

    @Test
    void writesSmiDocumentsAsWrittenAndLeavesGitmeshsOwnInGit() {
        DesiredState desired = desired(MirrorFixtures.repo().with("policy/mesh.yaml", MirrorFixtures.MESH_CONFIG)
                .applied('a'), SHARED_CRDS);

        assertThat(desired.objects()).extracting(MirrorObject::key).containsExactly(
                new ResourceKey("HTTPRouteGroup", "shop", "routes"), new ResourceKey("TrafficSplit", "shop", "web"),
                new ResourceKey("TrafficTarget", "shop", "web"));
        MirrorObject target = desired.objects().get(2);
        assertThat(target.apiVersion()).isEqualTo("access.smi-spec.io/v1alpha3");
        assertThat(target.labels()).containsExactlyEntriesOf(Map.of("app.kubernetes.io/managed-by", "gitmesh"));
        assertThat(target.annotations()).containsEntry("gitmesh.io/source-commit", commit('a'))
                .containsEntry("gitmesh.io/source-file", "policy/target.yaml:1");
        assertThat(target.spec().toString()).isEqualTo("{\"destination\":{\"kind\":\"ServiceAccount\",\"name\":\"web\","
                + "\"namespace\":\"shop\"},\"sources\":[{\"kind\":\"ServiceAccount\",\"name\":\"client\","
                + "\"namespace\":\"shop\"}],\"rules\":[{\"kind\":\"HTTPRouteGroup\",\"name\":\"routes\","
                + "\"matches\":[\"read\"]}]}");
        assertThat(desired.held()).isEmpty();
        assertThat(desired.notices()).isEmpty();
    }

    @Test
    void holdsWhatTheClusterCannotTakeAndSaysWhy() {
        String oldSplit = MirrorFixtures.SPLIT.replace("split.smi-spec.io/v1alpha4", "split.smi-spec.io/v1alpha2");
        Map<String, List<String>> withoutTargets = SHARED_CRDS.entrySet().stream()
                .filter(e -> !e.getKey().equals("TrafficTarget"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        DesiredState desired = desired(MirrorFixtures.repo().with("policy/split.yaml", oldSplit).applied('a'),
                withoutTargets);

        assertThat(desired.objects()).extracting(MirrorObject::key)
                .containsExactly(new ResourceKey("HTTPRouteGroup", "shop", "routes"));
        assertThat(desired.held()).containsExactly(new ResourceKey("TrafficSplit", "shop", "web"),
                new ResourceKey("TrafficTarget", "shop", "web"));
        assertThat(desired.notices()).extracting(Notice::toString).containsExactly(
                "TrafficSplit/shop/web (policy/split.yaml:1): not mirrored into the cluster: written as "
                        + "split.smi-spec.io/v1alpha2, which the cluster's CRD does not serve (it serves v1alpha4); "
                        + "gitmesh does not convert SMI versions: write it as split.smi-spec.io/v1alpha4 to mirror it",
                "TrafficTarget/shop/web (policy/target.yaml:1): not mirrored into the cluster: the cluster has no CRD "
                        + "traffictargets.access.smi-spec.io; install the SMI CRDs from deploy/ to mirror it");
    }

    @Test
    void findsEachDocumentOfAFileWithSeveral() {
        String both = MirrorFixtures.ROUTES + "---\n# an empty document\n---\n" + MirrorFixtures.SPLIT;
        int splitLine = (int) both.substring(0, both.indexOf("apiVersion: split")).lines().count() + 1;

        DesiredState desired = desired(MirrorFixtures.repo().without("policy/routes.yaml").without("policy/split.yaml")
                .with("policy/all.yaml", both).applied('a'), SHARED_CRDS);

        assertThat(desired.objects()).filteredOn(o -> o.key().kind().equals("TrafficSplit")).singleElement()
                .satisfies(split -> {
                    assertThat(split.annotations()).containsEntry("gitmesh.io/source-file", "policy/all.yaml:"
                            + splitLine);
                    assertThat(split.spec().get("backends").findValuesAsString("service"))
                            .containsExactly("web-v1", "web-v2");
                });
        assertThat(desired.objects()).filteredOn(o -> o.key().kind().equals("HTTPRouteGroup")).singleElement()
                .satisfies(routes -> assertThat(routes.spec().has("matches")).isTrue());
    }

    private static DesiredState desired(AppliedSources sources, Map<String, List<String>> served) {
        List<PolicyDocument> documents = sources.revision().compiled().checked().policies().documents();
        Set<String> files = documents.stream().map(d -> d.origin().file()).collect(Collectors.toSet());
        return DesiredObjects.of(sources.revision().commit().id().hex(), documents,
                SourceTrees.read(sources.files(), files, Limits.DEFAULT), served);
    }
}
