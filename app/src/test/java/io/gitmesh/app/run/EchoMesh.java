package io.gitmesh.app.run;

import io.grpc.Channel;
import java.util.List;

/**
 * A small mesh for end-to-end tests: a client identity shop/web, a root gRPC service shop/echo split
 * between echo-v1 and echo-v2, whose endpoints are gRPC servers on loopback (EndpointSlices).
 */
final class EchoMesh {
    static final String TARGET = "echo.shop.svc.cluster.local:50051";
    static final String MESH = """
            apiVersion: gitmesh.io/v1alpha1
            kind: MeshConfig
            metadata: {name: mesh}
            spec: {traffic: {permissive: true}}
            """;
    static final String SPLIT = """
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: echo, namespace: shop}
            spec:
              service: echo
              backends: [{service: echo-v1, weight: %d}, {service: echo-v2, weight: %d}]
            """;

    private EchoMesh() {
    }

    /** The distinct backends that answered {@code calls} RPCs, sorted. */
    static List<String> whoAnswers(Channel channel, int calls) {
        return io.gitmesh.xds.testing.Traffic.spread(channel, calls).keySet().stream().toList();
    }

    static String clusterState(List<Integer> v1Ports, List<Integer> v2Ports) {
        StringBuilder b = new StringBuilder("""
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: web, namespace: shop}
                """);
        for (String name : List.of("echo", "echo-v1", "echo-v2")) {
            b.append("""
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: %s, namespace: shop}
                    spec:
                      clusterIP: None
                      ports: [{name: grpc, port: 50051, appProtocol: grpc}]
                    """.formatted(name));
        }
        b.append(slice("echo-v1", v1Ports)).append(slice("echo-v2", v2Ports));
        return b.toString();
    }

    private static String slice(String service, List<Integer> ports) {
        StringBuilder b = new StringBuilder();
        for (int port : ports) {
            b.append("""
                    ---
                    apiVersion: discovery.k8s.io/v1
                    kind: EndpointSlice
                    metadata:
                      name: %1$s-%2$d
                      namespace: shop
                      labels: {kubernetes.io/service-name: %1$s}
                    addressType: IPv4
                    ports: [{name: grpc, port: %2$d}]
                    endpoints: [{addresses: [127.0.0.1], conditions: {ready: true}}]
                    """.formatted(service, port));
        }
        return b.toString();
    }

}
