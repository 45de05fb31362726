package io.gitmesh.schema.normalize;

import io.gitmesh.schema.kube.EndpointAddress;
import io.gitmesh.schema.kube.EndpointGroup;
import io.gitmesh.schema.kube.EndpointPort;
import io.gitmesh.schema.kube.KubeEndpointSlice;
import io.gitmesh.schema.kube.KubeEndpoints;
import io.gitmesh.schema.policy.Meta;
import java.util.ArrayList;
import java.util.List;

/**
 * discovery.k8s.io/v1 EndpointSlices and v1 Endpoints: which addresses (ready or not, and of which
 * Pod) serve which ports.
 */
final class EndpointReader {
    private static final String POD = "Pod";

    private EndpointReader() {
    }

    /** A slice; its Service is named by the {@code kubernetes.io/service-name} label. */
    static KubeEndpointSlice slice(FieldReader fields, Meta meta) {
        Located root = fields.root();
        List<EndpointPort> ports = new ArrayList<>();
        for (Located port : fields.list(root.child("ports"))) {
            Located p = fields.object(port);
            if (p.absent()) {
                continue;
            }
            if (p.child("port").absent()) {
                fields.warning(port, port.field() + " has no port number (a slice port for every port);"
                        + " gitmesh does not support that, so it is left out");
                continue;
            }
            ports.add(endpointPort(fields, p));
        }
        List<EndpointAddress> addresses = new ArrayList<>();
        for (Located endpoint : fields.list(root.child("endpoints"))) {
            Located e = fields.object(endpoint);
            boolean ready = fields.bool(fields.object(e.child("conditions")).child("ready")).orElse(true);
            String pod = podName(fields, e.child("targetRef"));
            fields.strings(e.child("addresses")).forEach(ip -> addresses.add(new EndpointAddress(ip, ready, pod)));
        }
        return new KubeEndpointSlice(meta, meta.labels().get(KubeEndpointSlice.SERVICE_NAME_LABEL),
                new EndpointGroup(ports, addresses));
    }

    /** An Endpoints object: one group per subset; {@code notReadyAddresses} are not ready. */
    static KubeEndpoints endpoints(FieldReader fields, Meta meta) {
        List<EndpointGroup> groups = new ArrayList<>();
        for (Located subset : fields.list(fields.root().child("subsets"))) {
            Located s = fields.object(subset);
            List<EndpointPort> ports = fields.list(s.child("ports")).stream()
                    .map(port -> endpointPort(fields, fields.object(port)))
                    .toList();
            List<EndpointAddress> addresses = new ArrayList<>();
            addresses(fields, s.child("addresses"), true, addresses);
            addresses(fields, s.child("notReadyAddresses"), false, addresses);
            groups.add(new EndpointGroup(ports, addresses));
        }
        return new KubeEndpoints(meta, groups);
    }

    private static void addresses(FieldReader fields, Located list, boolean ready, List<EndpointAddress> into) {
        for (Located address : fields.list(list)) {
            Located a = fields.object(address);
            into.add(new EndpointAddress(fields.requiredString(a.child("ip")), ready,
                    podName(fields, a.child("targetRef"))));
        }
    }

    private static EndpointPort endpointPort(FieldReader fields, Located port) {
        return new EndpointPort(fields.string(port.child("name")).orElse(null), fields.requiredPort(port.child("port")),
                fields.string(port.child("protocol")).orElse(null),
                fields.string(port.child("appProtocol")).orElse(null));
    }

    /** The name of the Pod a target reference points at; null when it points at something else. */
    private static String podName(FieldReader fields, Located targetRef) {
        Located ref = fields.object(targetRef);
        boolean pod = fields.string(ref.child("kind")).map(POD::equals).orElse(false);
        String name = fields.string(ref.child("name")).orElse(null);
        return pod ? name : null;
    }
}
