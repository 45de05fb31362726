package io.gitmesh.schema.normalize;

import io.gitmesh.schema.kube.ContainerPort;
import io.gitmesh.schema.kube.KubeWorkload;
import io.gitmesh.schema.policy.Meta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deployments, StatefulSets and DaemonSets (their pod template) and bare Pods (their own labels,
 * spec and status): the pods' labels, service account, replica count and container ports.
 */
final class WorkloadReader {
    private static final String POD = "Pod";
    private static final String DAEMON_SET = "DaemonSet";

    private WorkloadReader() {
    }

    static KubeWorkload read(FieldReader fields, Meta meta, String kind) {
        Located root = fields.root();
        Located spec = fields.object(root.child("spec"));
        if (kind.equals(POD)) {
            return new KubeWorkload(meta, kind, meta.labels(), serviceAccount(fields, spec), 1,
                    containerPorts(fields, spec), podIPs(fields, fields.object(root.child("status"))));
        }
        Located template = fields.object(spec.child("template"));
        Located podSpec = fields.object(template.child("spec"));
        Map<String, String> podLabels = fields.stringMap(fields.object(template.child("metadata")).child("labels"));
        return new KubeWorkload(meta, kind, podLabels, serviceAccount(fields, podSpec), replicas(fields, spec, kind),
                containerPorts(fields, podSpec), List.of());
    }

    /** {@code serviceAccountName}, or the deprecated {@code serviceAccount}; null reads as {@code default}. */
    private static String serviceAccount(FieldReader fields, Located podSpec) {
        return fields.string(podSpec.child("serviceAccountName"))
                .or(() -> fields.string(podSpec.child("serviceAccount")))
                .orElse(null);
    }

    /** Desired pods: {@code spec.replicas}, 1 when unset; a DaemonSet counts as 1. */
    private static int replicas(FieldReader fields, Located spec, String kind) {
        if (kind.equals(DAEMON_SET)) {
            return 1;
        }
        Located field = spec.child("replicas");
        int replicas = fields.integer(field).orElse(1);
        if (replicas < 0) {
            fields.error(field, field.field() + " is " + replicas + "; replicas must be 0 or more");
        }
        return replicas;
    }

    /** The ports of every container, in written order. */
    private static List<ContainerPort> containerPorts(FieldReader fields, Located podSpec) {
        List<ContainerPort> ports = new ArrayList<>();
        for (Located container : fields.list(podSpec.child("containers"))) {
            for (Located port : fields.list(fields.object(container).child("ports"))) {
                Located p = fields.object(port);
                ports.add(new ContainerPort(fields.string(p.child("name")).orElse(null),
                        fields.requiredPort(p.child("containerPort")),
                        fields.string(p.child("protocol")).orElse(null)));
            }
        }
        return ports;
    }

    /** {@code status.podIPs}, or {@code status.podIP} when only that is set. */
    private static List<String> podIPs(FieldReader fields, Located status) {
        List<String> ips = new ArrayList<>();
        for (Located entry : fields.list(status.child("podIPs"))) {
            fields.string(fields.object(entry).child("ip")).ifPresent(ips::add);
        }
        if (ips.isEmpty()) {
            fields.string(status.child("podIP")).ifPresent(ips::add);
        }
        return ips;
    }
}
