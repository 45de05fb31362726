package io.gitmesh.schema.normalize;

import io.gitmesh.schema.DocumentType;
import io.gitmesh.schema.kube.KubeEndpointSlice;
import io.gitmesh.schema.kube.KubeEndpoints;
import io.gitmesh.schema.kube.KubeNamespace;
import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.kube.KubeService;
import io.gitmesh.schema.kube.KubeServiceAccount;
import io.gitmesh.schema.kube.ServicePort;
import io.gitmesh.schema.policy.Meta;
import io.gitmesh.schema.yaml.SourceDocument;
import java.util.List;

/**
 * Reads the fields gitmesh needs from a Kubernetes object that stands in for the cluster. Reading is
 * tolerant: fields gitmesh does not need are ignored, and an object without a spec (a kuttl assert
 * that only states a status) reads with Kubernetes' defaults. A needed field of the wrong type is an
 * error at that field, and the object is dropped.
 */
public final class KubeReader {

    public Normalized<KubeObject> read(SourceDocument doc, DocumentType type) {
        FieldReader fields = new FieldReader(doc, type.kind());
        if (!doc.root().isObject()) {
            fields.error(fields.root(), type.kind() + " must be a mapping");
            return fields.result(null);
        }
        boolean namespace = type.kind().equals(KubeNamespace.KIND);
        Meta meta = Metadata.read(fields, type, namespace ? Metadata.Scope.CLUSTER : Metadata.Scope.NAMESPACED);
        KubeObject object = switch (type.kind()) {
            case KubeNamespace.KIND -> new KubeNamespace(meta);
            case KubeServiceAccount.KIND -> new KubeServiceAccount(meta);
            case KubeService.KIND -> service(fields, meta);
            case "Deployment", "StatefulSet", "DaemonSet", "Pod" -> WorkloadReader.read(fields, meta, type.kind());
            case KubeEndpointSlice.KIND -> EndpointReader.slice(fields, meta);
            case KubeEndpoints.KIND -> EndpointReader.endpoints(fields, meta);
            default -> {
                fields.error(fields.root().child("kind"), type.kind() + " " + type.apiVersion()
                        + " is not a Kubernetes kind gitmesh reads");
                yield null;
            }
        };
        return fields.result(object);
    }

    private static KubeService service(FieldReader fields, Meta meta) {
        Located spec = fields.object(fields.root().child("spec"));
        List<ServicePort> ports = fields.list(spec.child("ports")).stream()
                .map(port -> servicePort(fields, fields.object(port)))
                .toList();
        return new KubeService(meta, fields.stringMap(spec.child("selector")), ports,
                fields.string(spec.child("clusterIP")).orElse(null), fields.string(spec.child("type")).orElse(null));
    }

    private static ServicePort servicePort(FieldReader fields, Located port) {
        return new ServicePort(fields.string(port.child("name")).orElse(null), fields.requiredPort(port.child("port")),
                targetPort(fields, port.child("targetPort")), fields.string(port.child("protocol")).orElse(null),
                fields.string(port.child("appProtocol")).orElse(null));
    }

    /** A number or a container port's name, as written; null when not set (the port itself). */
    private static String targetPort(FieldReader fields, Located targetPort) {
        if (targetPort.node().isString()) {
            return targetPort.node().asString();
        }
        var number = fields.port(targetPort);
        return number.isPresent() ? Integer.toString(number.getAsInt()) : null;
    }
}
