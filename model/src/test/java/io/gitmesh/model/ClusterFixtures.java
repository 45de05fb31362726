package io.gitmesh.model;

import io.gitmesh.model.cluster.ContainerPort;
import io.gitmesh.model.cluster.Service;
import io.gitmesh.model.cluster.ServicePort;
import io.gitmesh.model.cluster.Transport;
import io.gitmesh.model.cluster.Workload;
import io.gitmesh.model.cluster.WorkloadRef;
import java.util.List;
import java.util.Map;

/** Small cluster parts for tests, built in code. */
public final class ClusterFixtures {
    private ClusterFixtures() {
    }

    public static Identity id(String namespace, String serviceAccount) {
        return new Identity(namespace, serviceAccount);
    }

    public static ServiceRef svc(String namespace, String name) {
        return new ServiceRef(namespace, name);
    }

    /** A TCP Service port whose targetPort is the same number. */
    public static ServicePort port(String name, int port) {
        return new ServicePort(name, port, new TargetPort.Numbered(port), Transport.TCP, "");
    }

    public static ServicePort port(String name, int port, String appProtocol) {
        return new ServicePort(name, port, new TargetPort.Numbered(port), Transport.TCP, appProtocol);
    }

    public static ServicePort udpPort(String name, int port) {
        return new ServicePort(name, port, new TargetPort.Numbered(port), Transport.UDP, "");
    }

    public static Service service(String namespace, String name, Map<String, String> selector, ServicePort... ports) {
        return new Service(svc(namespace, name), selector, List.of(ports), "");
    }

    public static Workload deployment(String namespace, String name, String serviceAccount,
            Map<String, String> podLabels, ContainerPort... ports) {
        return new Workload(new WorkloadRef(namespace, "Deployment", name), podLabels, serviceAccount, 1,
                List.of(ports), List.of());
    }

    public static Workload pod(String namespace, String name, String serviceAccount, Map<String, String> podLabels,
            List<String> ips, ContainerPort... ports) {
        return new Workload(new WorkloadRef(namespace, WorkloadRef.POD, name), podLabels, serviceAccount, 1,
                List.of(ports), ips);
    }
}
