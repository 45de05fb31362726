package io.gitmesh.model.diff;

import static io.gitmesh.model.ClusterFixtures.deployment;
import static io.gitmesh.model.ClusterFixtures.port;
import static io.gitmesh.model.ClusterFixtures.service;
import static io.gitmesh.model.PolicyFixtures.backend;
import static io.gitmesh.model.PolicyFixtures.httpRule;
import static io.gitmesh.model.PolicyFixtures.match;
import static io.gitmesh.model.PolicyFixtures.routeGroup;
import static io.gitmesh.model.PolicyFixtures.split;
import static io.gitmesh.model.PolicyFixtures.target;
import static io.gitmesh.model.PolicyFixtures.tcpRoute;
import static io.gitmesh.model.PolicyFixtures.tcpRule;

import io.gitmesh.model.Mesh;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.compile.MeshCompiler;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small mesh in the shape of the bookstore demo, and variations of it: shop/web (HTTP 80) is split
 * between web-v1 and web-v2, which buyer/buyer may read from and write to; both versions may reach
 * shop/db on TCP 5432; thief/thief may call nothing.
 */
final class Shop {
    static final ClusterState CLUSTER = cluster(true, true);

    static final List<PolicyDocument> POLICY = List.of(
            routeGroup("shop", "routes", match("read", "/books.*", "GET"), match("write", "/books", "POST")),
            target("web-v1", "shop/web-v1", List.of("buyer/buyer"), httpRule("routes", "read", "write")),
            target("web-v2", "shop/web-v2", List.of("buyer/buyer"), httpRule("routes", "read", "write")),
            tcpRoute("shop", "db-port", 5432),
            target("db", "shop/db", List.of("shop/web-v1", "shop/web-v2"), tcpRule("db-port")),
            split("shop", "web-split", "web", backend("web-v1", "100"), backend("web-v2", "0")));

    private Shop() {
    }

    /** The shop's cluster, with or without the db Service and the thief's workload. */
    static ClusterState cluster(boolean withDb, boolean withThief) {
        ClusterState.Builder builder = ClusterState.builder()
                .service(service("shop", "web", Map.of("app", "web"), port("http", 80)))
                .service(service("shop", "web-v1", Map.of("app", "web", "version", "v1"), port("http", 80)))
                .service(service("shop", "web-v2", Map.of("app", "web", "version", "v2"), port("http", 80)))
                .workload(deployment("shop", "web-v1", "web-v1", Map.of("app", "web", "version", "v1")))
                .workload(deployment("shop", "web-v2", "web-v2", Map.of("app", "web", "version", "v2")))
                .workload(deployment("shop", "db", "db", Map.of("app", "db")))
                .workload(deployment("buyer", "buyer", "buyer", Map.of("app", "buyer")));
        if (withDb) {
            builder.service(service("shop", "db", Map.of("app", "db"), port("tcp-db", 5432)));
        }
        if (withThief) {
            builder.workload(deployment("thief", "thief", "thief", Map.of("app", "thief")));
        }
        return builder.build();
    }

    static Mesh mesh() {
        return compile(POLICY, CLUSTER);
    }

    /** The shop with its policy edited: the document named {@code name} replaced (null: removed). */
    static List<PolicyDocument> replace(String name, PolicyDocument replacement) {
        List<PolicyDocument> documents = new ArrayList<>();
        for (PolicyDocument d : POLICY) {
            if (!d.meta().name().equals(name)) {
                documents.add(d);
            } else if (replacement != null) {
                documents.add(replacement);
            }
        }
        return documents;
    }

    static List<PolicyDocument> plus(PolicyDocument... more) {
        List<PolicyDocument> documents = new ArrayList<>(POLICY);
        documents.addAll(List.of(more));
        return documents;
    }

    static Mesh compile(List<PolicyDocument> policy, ClusterState cluster) {
        return new MeshCompiler().compile(new PolicySet(policy), cluster);
    }
}
