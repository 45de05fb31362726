package io.gitmesh.schema.normalize;

import io.gitmesh.schema.DocumentType;
import io.gitmesh.schema.policy.EnvoyOverride;
import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.schema.policy.Meta;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.TcpRoute;
import io.gitmesh.schema.policy.TrafficSplit;
import io.gitmesh.schema.policy.TrafficTarget;
import io.gitmesh.schema.policy.UdpRoute;
import io.gitmesh.schema.yaml.SourceDocument;

/**
 * Turns a policy document of any supported version into its record, with pointers in the layout
 * it was written in. Documents arrive schema-checked, but nothing here relies on that: a surprising
 * shape becomes a diagnostic, and a document with an error gives no record.
 */
public final class Normalizer {

    public Normalized<PolicyDocument> normalize(SourceDocument doc, DocumentType type) {
        FieldReader fields = new FieldReader(doc, type.kind());
        if (!doc.root().isObject()) {
            fields.error(fields.root(), type.kind() + " must be a mapping");
            return fields.result(null);
        }
        String version = type.version();
        boolean meshConfig = type.kind().equals(MeshConfig.KIND);
        Meta meta = Metadata.read(fields, type, meshConfig ? Metadata.Scope.MESH : Metadata.Scope.NAMESPACED);
        PolicyDocument document = switch (type.kind()) {
            case TrafficTarget.KIND -> TrafficTargetReader.read(fields, meta, version);
            case HttpRouteGroup.KIND -> HttpRouteGroupReader.read(fields, meta, version);
            case TcpRoute.KIND -> PortRouteReader.tcp(fields, meta, version);
            case UdpRoute.KIND -> PortRouteReader.udp(fields, meta, version);
            case TrafficSplit.KIND -> TrafficSplitReader.read(fields, meta, version);
            case MeshConfig.KIND -> type.group().equals(DocumentType.OSM_CONFIG)
                    ? OsmMeshConfigReader.read(fields, meta) : MeshConfigReader.read(fields, meta);
            case EnvoyOverride.KIND -> EnvoyOverrideReader.read(fields, meta);
            default -> {
                fields.error(fields.root().child("kind"), type.kind() + " " + type.apiVersion()
                        + " is not a policy kind gitmesh reads");
                yield null;
            }
        };
        return fields.result(document);
    }
}
