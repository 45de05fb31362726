package io.gitmesh.xds.translate;

import io.gitmesh.model.Mesh;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.model.TargetPort;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.cluster.ContainerPort;
import io.gitmesh.model.cluster.Service;
import io.gitmesh.model.cluster.ServicePort;
import io.gitmesh.model.cluster.Transport;
import io.gitmesh.model.cluster.Workload;
import io.gitmesh.model.cluster.WorkloadRef;
import io.gitmesh.model.compile.MeshCompiler;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A cluster state in namespace {@code shop} whose pods all run on 127.0.0.1, each serving gRPC on a
 * loopback port of its own (its container port {@code grpc}), so that a translated mesh routes real
 * calls to real servers. Services listen on {@value #PORT} and target the container port {@code grpc}.
 */
final class LoopbackCluster {
    static final int PORT = 50051;
    private static final String NAMESPACE = "shop";

    private final ClusterState.Builder cluster = ClusterState.builder();

    /** A client pod running as {@code serviceAccount}, serving nothing. */
    LoopbackCluster client(String serviceAccount) {
        cluster.workload(new Workload(new WorkloadRef(NAMESPACE, WorkloadRef.POD, serviceAccount + "-0"),
                Map.of("app", serviceAccount), serviceAccount, 1, List.of(), List.of("127.0.0.1")));
        return this;
    }

    /** A pod running as {@code serviceAccount} with the labels, serving gRPC on 127.0.0.1:{@code port}. */
    LoopbackCluster server(String serviceAccount, Map<String, String> labels, int port) {
        cluster.workload(new Workload(new WorkloadRef(NAMESPACE, WorkloadRef.POD, serviceAccount + "-0"), labels,
                serviceAccount, 1, List.of(new ContainerPort("grpc", port, Transport.TCP)), List.of("127.0.0.1")));
        return this;
    }

    /** A gRPC Service on {@value #PORT} selecting the pods with the labels. */
    LoopbackCluster service(String name, Map<String, String> selector) {
        cluster.service(new Service(new ServiceRef(NAMESPACE, name), selector,
                List.of(new ServicePort("grpc", PORT, new TargetPort.Named("grpc"), Transport.TCP, "grpc")), ""));
        return this;
    }

    /** The mesh of this cluster and the policy (YAML), which must be free of errors. */
    Mesh compile(String policy) {
        PolicyRead read = new PolicyReader().read(List.of(
                new SourceFile("policy.yaml", policy.getBytes(StandardCharsets.UTF_8))));
        List<Diagnostic> errors = read.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("the policy has errors: " + errors);
        }
        return new MeshCompiler().compile(read.policies(), cluster.build());
    }
}
