package io.gitmesh.app.demo;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The cluster state the demo adds to the sample repository's {@code cluster/} folder: one Pod per
 * in-process server, running on 127.0.0.1, with its container port {@code http} on the loopback port
 * the server really listens on. The sample's Services target the container port named {@code http},
 * so their endpoints become these Pods' real ports; the Deployments of the sample repository stay as
 * they are (they have no pod IPs, so they add no endpoints). This is what a cluster would report: pods,
 * their IPs and their ports.
 */
final class DemoPods {
    private DemoPods() {
    }

    /** The Pods as Kubernetes YAML, one document per server, in the order given. */
    static String yaml(Map<DemoWorkload, Integer> portsOfServers) {
        return portsOfServers.entrySet().stream()
                .map(entry -> pod(entry.getKey(), entry.getValue()))
                .collect(Collectors.joining("---\n", """
                        # Written by gitmesh demo: the pods it runs in-process, on loopback ports of their own.
                        """, ""));
    }

    private static String pod(DemoWorkload server, int port) {
        String labels = new TreeMap<>(server.served().podLabels()).entrySet().stream()
                .map(label -> label.getKey() + ": " + label.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %1$s-demo
                  namespace: %2$s
                  labels: %3$s
                spec:
                  serviceAccountName: %4$s
                  containers:
                  - name: %1$s
                    ports:
                    - name: http
                      containerPort: %5$d
                status:
                  podIP: 127.0.0.1
                """.formatted(server.name(), server.identity().namespace(), labels,
                server.identity().serviceAccount(), port);
    }
}
