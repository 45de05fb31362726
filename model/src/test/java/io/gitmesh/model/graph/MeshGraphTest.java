package io.gitmesh.model.graph;

import static io.gitmesh.model.ClusterFixtures.deployment;
import static io.gitmesh.model.ClusterFixtures.id;
import static io.gitmesh.model.ClusterFixtures.port;
import static io.gitmesh.model.ClusterFixtures.service;
import static io.gitmesh.model.ClusterFixtures.svc;
import static io.gitmesh.model.PolicyFixtures.backend;
import static io.gitmesh.model.PolicyFixtures.httpRule;
import static io.gitmesh.model.PolicyFixtures.match;
import static io.gitmesh.model.PolicyFixtures.meshConfig;
import static io.gitmesh.model.PolicyFixtures.policy;
import static io.gitmesh.model.PolicyFixtures.routeGroup;
import static io.gitmesh.model.PolicyFixtures.split;
import static io.gitmesh.model.PolicyFixtures.target;
import static io.gitmesh.model.PolicyFixtures.tcpRoute;
import static io.gitmesh.model.PolicyFixtures.tcpRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.model.Mesh;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.cluster.Transport;
import io.gitmesh.model.compile.MeshCompiler;
import io.gitmesh.model.diff.AccessSource;
import io.gitmesh.model.diff.Planner;
import io.gitmesh.model.diff.PortRef;
import io.gitmesh.schema.policy.TrafficSplit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The graph of a small mesh: shop/client may read from shop/web, split 90/10 between web-v1 and
 * web-v2; web-v1 may reach shop/db on TCP 5432.
 */
class MeshGraphTest {
    private static final ClusterState CLUSTER = ClusterState.builder()
            .service(service("shop", "web", Map.of("app", "web"), port("http", 80)))
            .service(service("shop", "web-v1", Map.of("app", "web", "version", "v1"), port("http", 80)))
            .service(service("shop", "web-v2", Map.of("app", "web", "version", "v2"), port("http", 80)))
            .service(service("shop", "db", Map.of("app", "db"), port("tcp-db", 5432)))
            .workload(deployment("shop", "web-v1", "web-v1", Map.of("app", "web", "version", "v1")))
            .workload(deployment("shop", "web-v2", "web-v2", Map.of("app", "web", "version", "v2")))
            .workload(deployment("shop", "db", "db", Map.of("app", "db")))
            .workload(deployment("shop", "client", "client", Map.of("app", "client")))
            .build();

    private static Mesh mesh(TrafficSplit split, String... dbSources) {
        return new MeshCompiler().compile(policy(
                routeGroup("shop", "routes", match("read", "/.*", "GET")),
                target("web-v1", "shop/web-v1", List.of("shop/client"), httpRule("routes")),
                target("web-v2", "shop/web-v2", List.of("shop/client"), httpRule("routes")),
                tcpRoute("shop", "db", 5432),
                target("db", "shop/db", List.of(dbSources), tcpRule("db")),
                split), CLUSTER);
    }

    private static final Mesh MESH = mesh(split("shop", "split", "web", backend("web-v1", "90"),
            backend("web-v2", "10")), "shop/web-v1");

    @Test
    void mermaid() {
        assertThat(Mermaid.render(MeshGraph.of(MESH))).isEqualTo("""
                flowchart LR
                  i1(["shop/client"])
                  i2(["shop/db"])
                  i3(["shop/web-v1"])
                  i4(["shop/web-v2"])
                  p1["shop/db:5432"]
                  p2["shop/web:80"]
                  p3["shop/web-v1:80"]
                  p4["shop/web-v2:80"]
                  i1 -->|"shop/routes/read"| p2
                  i1 -->|"shop/routes/read"| p3
                  i1 -->|"shop/routes/read"| p4
                  i3 -->|"tcp"| p1
                  p2 -.->|"90%"| p3
                  p2 -.->|"10%"| p4
                """);
    }

    @Test
    void dot() {
        assertThat(Dot.render(MeshGraph.of(MESH))).isEqualTo("""
                digraph mesh {
                  rankdir=LR;
                  i1 [label="shop/client", shape=ellipse];
                  i2 [label="shop/db", shape=ellipse];
                  i3 [label="shop/web-v1", shape=ellipse];
                  i4 [label="shop/web-v2", shape=ellipse];
                  p1 [label="shop/db:5432", shape=box];
                  p2 [label="shop/web:80", shape=box];
                  p3 [label="shop/web-v1:80", shape=box];
                  p4 [label="shop/web-v2:80", shape=box];
                  i1 -> p2 [label="shop/routes/read"];
                  i1 -> p3 [label="shop/routes/read"];
                  i1 -> p4 [label="shop/routes/read"];
                  i3 -> p1 [label="tcp"];
                  p2 -> p3 [label="90%", style=dashed];
                  p2 -> p4 [label="10%", style=dashed];
                }
                """);
    }

    @Test
    void labelsAreEscapedForEachLanguage() {
        AccessSource caller = AccessSource.of(id("a", "b"));
        MeshGraph graph = new MeshGraph(List.of(caller), List.of(new PortRef(svc("a", "s"), 80, Transport.TCP)),
                List.of(new AccessEdge(caller, new PortRef(svc("a", "s"), 80, Transport.TCP),
                        List.of("a/g/say \"hi\" <now>", "a/g/c:\\d#1"), EdgeChange.UNCHANGED)), List.of());

        assertThat(Mermaid.render(graph)).contains(
                "i1 -->|\"a/g/c:\\d#35;1<br/>a/g/say #quot;hi#quot; #lt;now#gt;\"| p1");
        assertThat(Dot.render(graph)).contains("i1 -> p1 [label=\"a/g/c:\\\\d#1\\na/g/say \\\"hi\\\" <now>\"];");
    }

    @Test
    void aPlanWithoutChangesDrawsNothing() {
        MeshGraph graph = MeshGraph.ofChanges(new Planner().plan(MESH, MESH));

        assertThat(graph.identities()).isEmpty();
        assertThat(Mermaid.render(graph)).isEqualTo("flowchart LR\n");
    }

    @Test
    void aPlanThatTurnsPermissiveModeOnDrawsAnyIdentityOnce() {
        Mesh permissive = new MeshCompiler().compile(policy(meshConfig("cluster.local", true),
                split("shop", "split", "web", backend("web-v1", "90"), backend("web-v2", "10"))), CLUSTER);

        assertThat(Dot.render(MeshGraph.ofChanges(new Planner().plan(MESH, permissive)))).isEqualTo("""
                digraph mesh {
                  rankdir=LR;
                  i1 [label="* (any identity)", shape=ellipse];
                  p1 [label="shop/db:5432", shape=box];
                  p2 [label="shop/web:80", shape=box];
                  p3 [label="shop/web-v1:80", shape=box];
                  p4 [label="shop/web-v2:80", shape=box];
                  i1 -> p1 [label="tcp", color="#1a7f37", penwidth=2];
                  i1 -> p2 [label="*", color="#1a7f37", penwidth=2];
                  i1 -> p3 [label="*", color="#1a7f37", penwidth=2];
                  i1 -> p4 [label="*", color="#1a7f37", penwidth=2];
                }
                """);
    }

    @Test
    void mermaidOfAPlanColoursWhatChanges() {
        Mesh after = mesh(split("shop", "split", "web", backend("web-v1", "50"), backend("web-v2", "50")),
                "shop/web-v2");

        assertThat(Mermaid.render(MeshGraph.ofChanges(new Planner().plan(MESH, after)))).isEqualTo("""
                flowchart LR
                  i1(["shop/web-v1"])
                  i2(["shop/web-v2"])
                  p1["shop/db:5432"]
                  p2["shop/web:80"]
                  p3["shop/web-v1:80"]
                  p4["shop/web-v2:80"]
                  i1 -->|"tcp"| p1
                  i2 -->|"tcp"| p1
                  p2 -.->|"90% → 50%"| p3
                  p2 -.->|"10% → 50%"| p4
                  linkStyle 1 stroke:#1a7f37,stroke-width:2px
                  linkStyle 0 stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5
                  linkStyle 2,3 stroke:#bc4c00,stroke-width:2px
                """);
    }
}
