package io.gitmesh.schema.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.SidecarSettings;
import io.gitmesh.schema.yaml.SourceDocument;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MeshConfigNormalizerTest {

    @Test
    void gitmeshMeshConfigDefaultsEveryField() {
        MeshConfig config = Documents.policy("""
                apiVersion: gitmesh.io/v1alpha1
                kind: MeshConfig
                metadata: {name: mesh}
                """, MeshConfig.class);
        assertThat(config.trustDomain()).isEqualTo("cluster.local");
        assertThat(config.permissive()).isFalse();
        assertThat(config.workloadLifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(config.sidecar()).isEqualTo(new SidecarSettings("native"));
        assertThat(config.meta().namespace()).as("mesh-wide").isEmpty();
        assertThat(config.key().toString()).isEqualTo("MeshConfig/mesh");
    }

    @Test
    void gitmeshMeshConfigReadsEveryField() {
        MeshConfig config = Documents.policy("""
                apiVersion: gitmesh.io/v1alpha1
                kind: MeshConfig
                metadata:
                  name: mesh
                  namespace: gitmesh-system
                spec:
                  trustDomain: mesh.example.org
                  traffic:
                    permissive: true
                  certificates:
                    workloadLifetime: 1h30m
                  sidecar:
                    mode: legacy
                """, MeshConfig.class);
        assertThat(config.trustDomain()).isEqualTo("mesh.example.org");
        assertThat(config.permissive()).isTrue();
        assertThat(config.workloadLifetime()).isEqualTo(Duration.ofMinutes(90));
        assertThat(config.sidecar().mode()).isEqualTo(SidecarSettings.LEGACY);
        assertThat(config.meta().namespace()).as("as written").isEqualTo("gitmesh-system");
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("a zero lifetime", "certificates: {workloadLifetime: 0s}",
                        "/spec/certificates/workloadLifetime",
                        "spec.certificates.workloadLifetime \"0s\" must be a positive duration"),
                Arguments.of("a negative lifetime", "certificates: {workloadLifetime: -1h}",
                        "/spec/certificates/workloadLifetime", "\"-1h\" must be a positive duration"),
                Arguments.of("a lifetime in days", "certificates: {workloadLifetime: 1d}",
                        "/spec/certificates/workloadLifetime", "spec.certificates.workloadLifetime \"1d\" is not a"
                                + " duration: write it as Go does, e.g. 24h, 1h30m, 90s or 500ms"),
                Arguments.of("a lifetime without a unit", "certificates: {workloadLifetime: 24}",
                        "/spec/certificates/workloadLifetime",
                        "spec.certificates.workloadLifetime must be a string, not the number 24"),
                Arguments.of("permissive as a string", "traffic: {permissive: \"yes\"}", "/spec/traffic/permissive",
                        "spec.traffic.permissive must be true or false, not the string \"yes\""),
                Arguments.of("an unknown sidecar mode", "sidecar: {mode: sidecar}", "/spec/sidecar/mode",
                        "spec.sidecar.mode \"sidecar\" is not a sidecar mode: use one of [native, legacy]"),
                Arguments.of("a trust domain with capitals", "trustDomain: Example.ORG", "/spec/trustDomain",
                        "spec.trustDomain \"Example.ORG\" is not a SPIFFE trust domain"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFields")
    void reportsBadFieldsAtTheirLine(String name, String spec, String pointer, String message) {
        Diagnostic d = Documents.onlyError(Documents.normalize("""
                apiVersion: gitmesh.io/v1alpha1
                kind: MeshConfig
                metadata: {name: mesh}
                spec:
                  %s
                """.formatted(spec)));
        assertThat(d.pointer()).isEqualTo(pointer);
        assertThat(d.line()).isEqualTo(5);
        assertThat(d.message()).contains(message);
        assertThat(d.resource()).isEqualTo("MeshConfig/mesh");
    }

    @Test
    void osmDemoMeshConfigMapsItsFieldsAndNamesEveryOtherOne() {
        String path = "osm/demo/manifests/meshconfig/mesh-config.yaml";
        SourceDocument doc = Documents.parse(path, Documents.shared(path)).getFirst();
        Normalized<PolicyDocument> n = new Normalizer().normalize(doc, Documents.typeOf(doc));

        MeshConfig config = (MeshConfig) n.value().orElseThrow();
        assertThat(config.permissive()).isTrue();
        assertThat(config.workloadLifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(config.trustDomain()).isEqualTo(MeshConfig.DEFAULT_TRUST_DOMAIN);
        assertThat(config.sidecar()).isEqualTo(SidecarSettings.defaults());
        assertThat(config.key().toString()).isEqualTo("MeshConfig/osm-mesh-config");
        assertThat(config.origin().apiVersion()).isEqualTo("config.openservicemesh.io/v1alpha1");

        assertThat(n.diagnostics()).allSatisfy(d -> {
            assertThat(d.severity()).isEqualTo(Severity.INFO);
            assertThat(d.file()).isEqualTo(path);
            assertThat(d.resource()).isEqualTo("MeshConfig/osm-mesh-config");
        });
        assertThat(n.diagnostics()).extracting(d -> d.line() + " " + d.message()).containsExactly(
                "7 OSM MeshConfig field spec.sidecar.enablePrivilegedInitContainer is not used by gitmesh",
                "8 OSM MeshConfig field spec.sidecar.logLevel is not used by gitmesh",
                "9 OSM MeshConfig field spec.sidecar.maxDataPlaneConnections is not used by gitmesh",
                "10 OSM MeshConfig field spec.sidecar.envoyImage is not used by gitmesh",
                "11 OSM MeshConfig field spec.sidecar.initContainerImage is not used by gitmesh",
                "12 OSM MeshConfig field spec.sidecar.configResyncInterval is not used by gitmesh",
                "14 OSM MeshConfig field spec.traffic.enableEgress is not used by gitmesh",
                "17 OSM MeshConfig field spec.observability.enableDebugServer is not used by gitmesh",
                "18 OSM MeshConfig field spec.observability.outboundPortExclusionList is not used by gitmesh",
                "19 OSM MeshConfig field spec.observability.inboundPortExclusionList is not used by gitmesh",
                "20 OSM MeshConfig field spec.observability.outboundIPRangeExclusionList is not used by gitmesh",
                "22 OSM MeshConfig field spec.observability.tracing.enable is not used by gitmesh");
        assertThat(n.diagnostics()).extracting(Diagnostic::pointer).contains("/spec/sidecar/envoyImage");
    }

    @Test
    void osmV1alpha2MeshConfigMapsItsFieldsAndNotesNestedLeaves() {
        Normalized<PolicyDocument> n = Documents.normalize("""
                apiVersion: config.openservicemesh.io/v1alpha2
                kind: MeshConfig
                metadata:
                  name: osm-mesh-config
                  namespace: osm-system
                spec:
                  traffic:
                    enablePermissiveTrafficPolicyMode: false
                  certificate:
                    serviceCertValidityDuration: 1h
                    certKeyBitSize: 2048
                  sidecar:
                    resources:
                      limits: {cpu: 500m}
                    cipherSuites: [ECDHE-RSA-AES128-GCM-SHA256]
                  featureFlags: {}
                """);
        MeshConfig config = (MeshConfig) n.value().orElseThrow();
        assertThat(config.permissive()).isFalse();
        assertThat(config.workloadLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(config.meta().namespace()).isEqualTo("osm-system");
        assertThat(n.diagnostics()).extracting(Diagnostic::message).containsExactly(
                "OSM MeshConfig field spec.certificate.certKeyBitSize is not used by gitmesh",
                "OSM MeshConfig field spec.sidecar.resources.limits.cpu is not used by gitmesh",
                "OSM MeshConfig field spec.sidecar.cipherSuites is not used by gitmesh",
                "OSM MeshConfig field spec.featureFlags is not used by gitmesh");
    }

    @Test
    void osmMeshConfigWithAnInvalidValidityDurationIsAnError() {
        Normalized<PolicyDocument> n = Documents.normalize("""
                apiVersion: config.openservicemesh.io/v1alpha2
                kind: MeshConfig
                metadata: {name: osm-mesh-config}
                spec:
                  certificate:
                    serviceCertValidityDuration: 1 day
                """);
        assertThat(n.value()).isEmpty();
        assertThat(n.diagnostics()).filteredOn(Diagnostic::isError).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(6);
            assertThat(d.message()).startsWith("spec.certificate.serviceCertValidityDuration \"1 day\" is not a"
                    + " duration");
        });
    }
}
