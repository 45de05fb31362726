package io.gitmesh.schema.normalize;

import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.schema.policy.Meta;
import io.gitmesh.schema.policy.SidecarSettings;
import java.time.Duration;
import java.util.Set;

/**
 * OSM's config.openservicemesh.io MeshConfig (v1alpha1, v1alpha2), mapped onto gitmesh's:
 * {@code spec.traffic.enablePermissiveTrafficPolicyMode} is {@code permissive} and
 * {@code spec.certificate.serviceCertValidityDuration} the workload certificate lifetime. OSM has no
 * trust domain field, so it stays the default. Every other field that is set is named in a note, so
 * that users see what was not carried over.
 */
final class OsmMeshConfigReader {
    private static final String PERMISSIVE = "/spec/traffic/enablePermissiveTrafficPolicyMode";
    private static final String LIFETIME = "/spec/certificate/serviceCertValidityDuration";
    private static final Set<String> MAPPED = Set.of(PERMISSIVE, LIFETIME);

    private OsmMeshConfigReader() {
    }

    static MeshConfig read(FieldReader fields, Meta meta) {
        Located spec = fields.object(fields.root().child("spec"));
        Located traffic = fields.object(spec.child("traffic"));
        Located certificate = fields.object(spec.child("certificate"));
        boolean permissive = fields.bool(traffic.child("enablePermissiveTrafficPolicyMode")).orElse(false);
        Duration lifetime = MeshConfigReader.lifetime(fields, certificate.child("serviceCertValidityDuration"));
        noteUnusedFields(fields, spec);
        return new MeshConfig(meta, MeshConfig.DEFAULT_TRUST_DOMAIN, permissive, lifetime,
                SidecarSettings.defaults());
    }

    /**
     * One note per leaf field under {@code node} (a list counts as one field) that gitmesh does not
     * map, in written order. The depth is bounded by the YAML reader's nesting limit.
     */
    private static void noteUnusedFields(FieldReader fields, Located node) {
        for (Located field : node.children()) {
            if (field.node().isObject() && !field.node().isEmpty()) {
                noteUnusedFields(fields, field);
            } else if (!MAPPED.contains(field.pointer())) {
                fields.info(field, "OSM MeshConfig field " + field.field() + " is not used by gitmesh");
            }
        }
    }
}
