package io.gitmesh.model.cluster;

import io.gitmesh.model.Identity;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.TargetPort;
import io.gitmesh.schema.kube.EndpointGroup;
import io.gitmesh.schema.kube.KubeEndpointSlice;
import io.gitmesh.schema.kube.KubeEndpoints;
import io.gitmesh.schema.kube.KubeNamespace;
import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.kube.KubeService;
import io.gitmesh.schema.kube.KubeServiceAccount;
import io.gitmesh.schema.kube.KubeWorkload;
import java.util.List;
import java.util.Objects;

/**
 * Turns the Kubernetes objects read from files into the parts of a {@link ClusterState}, leaving
 * their origins and positions behind.
 */
final class KubeObjectMapper {
    private KubeObjectMapper() {
    }

    static ClusterState.Builder toBuilder(List<KubeObject> objects) {
        ClusterState.Builder builder = ClusterState.builder();
        for (KubeObject object : objects) {
            String namespace = object.meta().namespace();
            switch (object) {
                case KubeNamespace n -> builder.namespace(new Namespace(n.meta().name(), n.meta().labels()));
                case KubeServiceAccount a -> builder.serviceAccount(new Identity(namespace, a.meta().name()));
                case KubeService s -> builder.service(service(s));
                case KubeWorkload w -> builder.workload(workload(w));
                case KubeEndpointSlice s -> {
                    if (s.serviceName() != null && !s.serviceName().isEmpty()) {
                        builder.endpointSlice(slice(new ServiceRef(namespace, s.serviceName()), s.group()));
                    }
                }
                case KubeEndpoints e -> e.subsets().forEach(
                        group -> builder.endpointSlice(slice(new ServiceRef(namespace, e.meta().name()), group)));
            }
        }
        return builder;
    }

    private static Service service(KubeService s) {
        List<ServicePort> ports = s.ports().stream()
                .map(p -> new ServicePort(p.name(), p.port(), TargetPort.parse(p.targetPort()),
                        Transport.of(p.protocol()), Objects.requireNonNullElse(p.appProtocol(), "")))
                .toList();
        return new Service(new ServiceRef(s.meta().namespace(), s.meta().name()), s.selector(), ports,
                Objects.requireNonNullElse(s.clusterIP(), ""));
    }

    private static Workload workload(KubeWorkload w) {
        List<ContainerPort> ports = w.ports().stream()
                .map(p -> new ContainerPort(p.name(), p.port(), Transport.of(p.protocol())))
                .toList();
        return new Workload(new WorkloadRef(w.meta().namespace(), w.workloadKind(), w.meta().name()), w.podLabels(),
                w.serviceAccount(), w.replicas(), ports, w.podIPs());
    }

    private static EndpointSlice slice(ServiceRef service, EndpointGroup group) {
        return new EndpointSlice(service,
                group.ports().stream()
                        .map(p -> new EndpointSlice.Port(p.name(), p.port(), Transport.of(p.protocol())))
                        .toList(),
                group.addresses().stream()
                        .map(a -> new EndpointSlice.Address(a.ip(), a.ready(),
                                Objects.requireNonNullElse(a.podName(), "")))
                        .toList());
    }
}
