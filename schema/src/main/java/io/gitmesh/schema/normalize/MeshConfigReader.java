package io.gitmesh.schema.normalize;

import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.schema.policy.Meta;
import io.gitmesh.schema.policy.SidecarSettings;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * gitmesh.io/v1alpha1 MeshConfig (DESIGN.md §3). Every field is optional:
 * {@code spec.trustDomain} (cluster.local), {@code spec.traffic.permissive} (false),
 * {@code spec.certificates.workloadLifetime} (24h), {@code spec.sidecar.mode} (native).
 */
final class MeshConfigReader {
    /** SPIFFE trust domain names: lowercase letters, digits, dots, dashes and underscores. */
    private static final Pattern TRUST_DOMAIN = Pattern.compile("[a-z0-9._-]{1,255}");
    private static final List<String> SIDECAR_MODES = List.of(SidecarSettings.NATIVE, SidecarSettings.LEGACY);

    private MeshConfigReader() {
    }

    static MeshConfig read(FieldReader fields, Meta meta) {
        Located spec = fields.object(fields.root().child("spec"));

        Located trustDomainField = spec.child("trustDomain");
        String trustDomain = fields.string(trustDomainField).orElse(MeshConfig.DEFAULT_TRUST_DOMAIN);
        if (!TRUST_DOMAIN.matcher(trustDomain).matches()) {
            fields.error(trustDomainField, trustDomainField.field() + " \"" + trustDomain + "\" is not a SPIFFE trust"
                    + " domain: use lowercase letters, digits, '.', '-' and '_' (e.g. cluster.local)");
        }
        Located traffic = fields.object(spec.child("traffic"));
        boolean permissive = fields.bool(traffic.child("permissive")).orElse(false);
        Located certificates = fields.object(spec.child("certificates"));
        Duration lifetime = lifetime(fields, certificates.child("workloadLifetime"));

        Located sidecar = fields.object(spec.child("sidecar"));
        Located modeField = sidecar.child("mode");
        String mode = fields.string(modeField).orElse(SidecarSettings.NATIVE);
        if (!SIDECAR_MODES.contains(mode)) {
            fields.error(modeField, modeField.field() + " \"" + mode + "\" is not a sidecar mode: use one of "
                    + SIDECAR_MODES);
        }
        return new MeshConfig(meta, trustDomain, permissive, lifetime, new SidecarSettings(mode));
    }

    /**
     * A certificate lifetime written as a Go duration; the default when not set. Shared with OSM's
     * MeshConfig, whose field is read the same way.
     */
    static Duration lifetime(FieldReader fields, Located field) {
        return fields.string(field).map(text -> {
            var parsed = GoDuration.parse(text);
            if (parsed.isEmpty()) {
                fields.error(field, field.field() + " \"" + text + "\" is not a duration: write it as Go does,"
                        + " e.g. 24h, 1h30m, 90s or 500ms");
                return MeshConfig.DEFAULT_WORKLOAD_LIFETIME;
            }
            if (parsed.get().isZero() || parsed.get().isNegative()) {
                fields.error(field, field.field() + " \"" + text + "\" must be a positive duration");
                return MeshConfig.DEFAULT_WORKLOAD_LIFETIME;
            }
            return parsed.get();
        }).orElse(MeshConfig.DEFAULT_WORKLOAD_LIFETIME);
    }
}
