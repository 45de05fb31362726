package io.gitmesh.model.diff;

import static io.gitmesh.model.ClusterFixtures.deployment;
import static io.gitmesh.model.ClusterFixtures.port;
import static io.gitmesh.model.ClusterFixtures.service;
import static io.gitmesh.model.PolicyFixtures.backend;
import static io.gitmesh.model.PolicyFixtures.httpRule;
import static io.gitmesh.model.PolicyFixtures.match;
import static io.gitmesh.model.PolicyFixtures.meshConfig;
import static io.gitmesh.model.PolicyFixtures.routeGroup;
import static io.gitmesh.model.PolicyFixtures.split;
import static io.gitmesh.model.PolicyFixtures.target;

import io.gitmesh.model.Mesh;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.compile.MeshCompiler;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A generated mesh in the shape of bench's synthetic repository: {@code services} HTTP services of
 * one workload each, 40 to a namespace; each may be called by the one before it on two route
 * matches; every tenth is split 90/10 between a v1 and a v2 Service.
 */
record LargeMesh(ClusterState cluster, List<PolicyDocument> policy) {
    private static final int SERVICES_PER_NAMESPACE = 40;

    static LargeMesh of(int services) {
        ClusterState.Builder cluster = ClusterState.builder();
        List<PolicyDocument> policy = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            String ns = namespace(i);
            String name = "svc-" + i;
            String caller = namespace(Math.max(0, i - 1)) + "/svc-" + Math.max(0, i - 1);
            cluster.service(service(ns, name, Map.of("app", name), port("http", 8080, "http")));
            cluster.workload(deployment(ns, name, name, Map.of("app", name, "version", "v1")));
            policy.add(routeGroup(ns, name + "-routes", match("read", "/api/v1/items(/.*)?", "GET", "HEAD"),
                    match("write", "/api/v1/items", "POST")));
            policy.add(target(name, ns + "/" + name, List.of(caller), httpRule(name + "-routes", "read", "write")));
            if (i % 10 == 0) {
                cluster.workload(deployment(ns, name + "-v2", name + "-v2", Map.of("app", name, "version", "v2")));
                cluster.service(service(ns, name + "-v1", Map.of("app", name, "version", "v1"),
                        port("http", 8080, "http")));
                cluster.service(service(ns, name + "-v2", Map.of("app", name, "version", "v2"),
                        port("http", 8080, "http")));
                policy.add(split(ns, name, name, backend(name + "-v1", "90"), backend(name + "-v2", "10")));
            }
        }
        return new LargeMesh(cluster.build(), List.copyOf(policy));
    }

    /** The mesh compiled, in SMI mode or in permissive mode. */
    Mesh compile(boolean permissive) {
        List<PolicyDocument> documents = new ArrayList<>(policy);
        documents.add(meshConfig("cluster.local", permissive));
        return new MeshCompiler().compile(new PolicySet(documents), cluster);
    }

    private static String namespace(int i) {
        return "team-" + (i / SERVICES_PER_NAMESPACE);
    }
}
