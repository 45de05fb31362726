package io.gitmesh.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every plain manifest in deploy/ is a typed fabric8 object with no field fabric8 does not know. */
class ManifestsParseTest {
    static Stream<Arguments> manifests() {
        return DeployTree.plainManifests().stream().map(p -> Arguments.of(DeployTree.display(p), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void parsesStrictly(String name, Path file) {
        assertThat(StrictManifests.parse(name, DeployTree.read(file))).isNotEmpty();
    }

    static Stream<Arguments> brokenManifests() {
        return Stream.of(
                Arguments.of("misspelt field in a Deployment's pod template", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: d}
                        spec:
                          selector: {matchLabels: {a: b}}
                          template:
                            metadata: {labels: {a: b}}
                            spec:
                              containers: [{name: c, image: i, readinessprobe: {}}]
                        """, "spec.template.spec.containers[0].readinessprobe"),
                Arguments.of("unknown field in a CRD's schema", """
                        apiVersion: apiextensions.k8s.io/v1
                        kind: CustomResourceDefinition
                        metadata: {name: xs.example.com}
                        spec:
                          group: example.com
                          names: {kind: X, plural: xs}
                          scope: Namespaced
                          versions:
                            - name: v1
                              served: true
                              storage: true
                              schema: {openAPIV3Schema: {type: object, nullablee: true}}
                        """, "nullablee"),
                Arguments.of("a kind fabric8 does not know", """
                        apiVersion: example.com/v1
                        kind: Gadget
                        metadata: {name: g}
                        """, "not a kind fabric8's model knows"),
                Arguments.of("unknown field in a RBAC rule", """
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: Role
                        metadata: {name: r, namespace: n}
                        rules: [{apiGroups: [""], resources: [pods], verb: [get]}]
                        """, "rules[0].verb"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenManifests")
    void refusesWhatAClusterWouldDrop(String name, String yaml, String expected) {
        assertThatThrownBy(() -> StrictManifests.parse("x.yaml", yaml)).hasMessageContaining(expected);
    }

    @Test
    void everyFolderOfTheInstallIsCovered() {
        assertThat(DeployTree.plainManifests()).extracting(DeployTree::display)
                .anyMatch(p -> p.startsWith("deploy/kustomize/base/"))
                .anyMatch(p -> p.startsWith("deploy/kustomize/crds/"))
                .anyMatch(p -> p.startsWith("deploy/kustomize/components/"))
                .anyMatch(p -> p.startsWith("deploy/secrets/"))
                .anyMatch(p -> p.startsWith("deploy/helm/gitmesh/crds/"));
    }
}
