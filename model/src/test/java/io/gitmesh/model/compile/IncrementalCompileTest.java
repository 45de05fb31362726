package io.gitmesh.model.compile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.model.Mesh;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.schema.FileRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A mesh compiled from the one before equals the mesh compiled from scratch, over long random
 * sequences of edits: TrafficSplits (weights, matches, missing backends, added and removed),
 * TrafficTargets (sources, rules of every kind), the routes they name, the MeshConfig, and now and
 * then the cluster. Unchanged files keep their parsed documents (as the parse cache hands them out), so
 * the sequences exercise what the compiler takes over as well as what it compiles again.
 */
class IncrementalCompileTest {
    private static final int SERVICES = 6;
    private static final String[] NAMESPACES = {"shop", "bank"};

    private final MeshCompiler compiler = new MeshCompiler();
    private final PolicyReader reader = new PolicyReader();
    private final Map<String, FileRead> parsed = new HashMap<>();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void eachMeshCompiledFromTheLastEqualsTheMeshCompiledFromScratch(long seed) {
        Random random = new Random(seed);
        Map<String, String> files = new TreeMap<>();
        IntStream.range(0, 12).forEach(i -> edit(files, random));
        ClusterState cluster = cluster(false);
        MeshCompilation last = compiler.compilation(policy(files), cluster);
        int reused = 0;

        for (int step = 0; step < 150; step++) {
            int edits = 1 + random.nextInt(3);
            IntStream.range(0, edits).forEach(i -> edit(files, random));
            if (random.nextInt(25) == 0) {
                cluster = cluster(random.nextBoolean());
            }
            PolicySet policy = policy(files);

            MeshCompilation next = compiler.compilation(policy, cluster, last);

            Mesh expected = compiler.compile(policy, cluster);
            assertThat(next.mesh()).as("step %d of seed %d: %s", step, seed, files).isEqualTo(expected);
            reused += tookOver(last.mesh(), next.mesh()) ? 1 : 0;
            last = next;
        }
        assertThat(reused).as("steps that took views over from the mesh before").isGreaterThan(50);
    }

    @Test
    void aChangedSplitCompilesItsRootAgainAndKeepsTheViewsOfIdentitiesThatCannotReachIt() {
        Map<String, String> files = new TreeMap<>(Map.of(
                "split.yaml", split("shop", "svc-0", List.of("svc-1", "svc-2"), List.of(90, 10), ""),
                "target.yaml", target("shop", "sa-1", List.of("shop/sa-0"), "tcp")
                        + "---\n" + target("shop", "sa-2", List.of("shop/sa-0"), "tcp")
                        + "---\n" + tcpRoute("shop", "tcp", List.of())));
        ClusterState cluster = cluster(false);
        MeshCompilation first = compiler.compilation(policy(files), cluster);
        files.put("split.yaml", split("shop", "svc-0", List.of("svc-1", "svc-2"), List.of(50, 50), ""));

        MeshCompilation next = compiler.compilation(policy(files), cluster, first);

        assertThat(next.mesh()).isEqualTo(compiler.compile(policy(files), cluster));
        assertThat(next.mesh().service(ref("shop", "svc-0"))).isNotEqualTo(first.mesh().service(ref("shop", "svc-0")));
        assertThat(next.mesh().service(ref("shop", "svc-3"))).containsSame(
                first.mesh().service(ref("shop", "svc-3")).orElseThrow());
        assertThat(next.mesh().outbound(id("shop", "sa-0"))).isNotEqualTo(first.mesh().outbound(id("shop", "sa-0")));
        assertThat(next.mesh().outbound(id("bank", "sa-4"))).isSameAs(first.mesh().outbound(id("bank", "sa-4")));
    }

    /** Whether some view of {@code next} is the very view of {@code last}. */
    private static boolean tookOver(Mesh last, Mesh next) {
        return next.inboundViews().values().stream().anyMatch(v -> last.inboundViews().get(v.identity()) == v);
    }

    private void edit(Map<String, String> files, Random random) {
        String ns = NAMESPACES[random.nextInt(NAMESPACES.length)];
        int which = random.nextInt(8);
        String path = ns + "/" + which + ".yaml";
        if (random.nextInt(6) == 0) {
            files.remove(path);
            return;
        }
        files.put(path, switch (which) {
            case 0, 1 -> split(ns, service(random), List.of(service(random), service(random), "gone"),
                    List.of(random.nextInt(4) * 10, random.nextInt(4) * 10, random.nextInt(2)),
                    random.nextInt(3) == 0 ? "routes-" + random.nextInt(2) : "");
            case 2, 3 -> target(ns, "sa-" + random.nextInt(SERVICES), sources(random),
                    List.of("routes-0", "routes-1", "tcp", "udp").get(random.nextInt(4)));
            case 4, 5 -> routes(ns, "routes-" + (which - 4), random);
            case 6 -> tcpRoute(ns, "tcp", random.nextBoolean() ? List.of() : List.of(8080 + random.nextInt(2), 9000))
                    + "---\n" + udpRoute(ns, "udp", List.of(53));
            default -> meshConfig(random.nextInt(10) == 0, random.nextInt(10) == 0 ? "other.local" : "cluster.local");
        });
    }

    private PolicySet policy(Map<String, String> files) {
        List<FileRead> reads = new ArrayList<>();
        files.forEach((path, text) -> reads.add(parsed.compute(path + "\n" + text,
                (key, known) -> known != null ? known : reader.readFile(new SourceFile(path, text.getBytes(UTF_8))))));
        return reader.combine(reads).policies();
    }

    /** Six Services per namespace on HTTP 8080, TCP 9000 and UDP 53, each backed by its own identity. */
    private ClusterState cluster(boolean extraReplica) {
        StringBuilder yaml = new StringBuilder();
        for (String ns : NAMESPACES) {
            for (int i = 0; i < SERVICES; i++) {
                yaml.append("""
                        apiVersion: v1
                        kind: Service
                        metadata: {name: svc-%2$d, namespace: %1$s}
                        spec:
                          selector: {app: svc-%2$d}
                          ports:
                          - {name: http, port: 8080, appProtocol: http}
                          - {name: tcp-db, port: 9000}
                          - {name: dns, port: 53, protocol: UDP}
                        ---
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: svc-%2$d, namespace: %1$s}
                        spec:
                          replicas: %3$d
                          selector: {matchLabels: {app: svc-%2$d}}
                          template:
                            metadata: {labels: {app: svc-%2$d}}
                            spec:
                              serviceAccountName: sa-%4$d
                              containers: [{name: app, image: app, ports: [{containerPort: 8080}]}]
                        ---
                        """.formatted(ns, i, extraReplica && i == 0 ? 2 : 1, i % 5));
            }
        }
        return ClusterState.of(reader.read(List.of(new SourceFile("cluster.yaml", yaml.toString().getBytes(UTF_8))))
                .clusterObjects());
    }

    private static String split(String ns, String root, List<String> backends, List<Integer> weights, String routes) {
        StringBuilder b = new StringBuilder("""
                apiVersion: split.smi-spec.io/v1alpha4
                kind: TrafficSplit
                metadata: {name: %s-split, namespace: %s}
                spec:
                  service: %s
                  backends:
                """.formatted(root, ns, root));
        for (int i = 0; i < backends.size(); i++) {
            b.append("  - {service: %s, weight: %d}\n".formatted(backends.get(i), weights.get(i)));
        }
        if (!routes.isEmpty()) {
            b.append("  matches: [{kind: HTTPRouteGroup, name: %s}]\n".formatted(routes));
        }
        return b.toString();
    }

    private static String target(String ns, String destination, List<String> sources, String rule) {
        String kind = rule.startsWith("routes") ? "HTTPRouteGroup" : rule.equals("tcp") ? "TCPRoute" : "UDPRoute";
        return """
                apiVersion: access.smi-spec.io/v1alpha3
                kind: TrafficTarget
                metadata: {name: %2$s-access, namespace: %1$s}
                spec:
                  destination: {kind: ServiceAccount, name: %2$s, namespace: %1$s}
                  rules: [{kind: %3$s, name: %4$s}]
                  sources:
                %5$s""".formatted(ns, destination, kind, rule, String.join("", sources.stream()
                .map(s -> "  - {kind: ServiceAccount, name: %s, namespace: %s}\n".formatted(s.split("/")[1],
                        s.split("/")[0])).toList()));
    }

    private static String routes(String ns, String name, Random random) {
        return """
                apiVersion: specs.smi-spec.io/v1alpha4
                kind: HTTPRouteGroup
                metadata: {name: %s, namespace: %s}
                spec:
                  matches:
                  - {name: read, pathRegex: "/%s/.*", methods: [GET]}
                  - {name: write, pathRegex: "/items", methods: [%s]}
                """.formatted(name, ns, random.nextBoolean() ? "books" : "cars", random.nextBoolean() ? "POST" : "PUT");
    }

    private static String tcpRoute(String ns, String name, List<Integer> ports) {
        return """
                apiVersion: specs.smi-spec.io/v1alpha4
                kind: TCPRoute
                metadata: {name: %s, namespace: %s}
                spec:
                  matches: {ports: %s}
                """.formatted(name, ns, ports);
    }

    private static String udpRoute(String ns, String name, List<Integer> ports) {
        return """
                apiVersion: specs.smi-spec.io/v1alpha4
                kind: UDPRoute
                metadata: {name: %s, namespace: %s}
                spec:
                  matches: {ports: %s}
                """.formatted(name, ns, ports);
    }

    private static String meshConfig(boolean permissive, String trustDomain) {
        return """
                apiVersion: gitmesh.io/v1alpha1
                kind: MeshConfig
                metadata: {name: mesh}
                spec:
                  trustDomain: %s
                  traffic: {permissive: %s}
                """.formatted(trustDomain, permissive);
    }

    private static String service(Random random) {
        return "svc-" + random.nextInt(SERVICES);
    }

    private static List<String> sources(Random random) {
        return Stream.of(NAMESPACES).flatMap(ns -> IntStream.range(0, SERVICES).mapToObj(i -> ns + "/sa-" + i))
                .filter(s -> random.nextInt(4) == 0).toList();
    }

    private static io.gitmesh.model.ServiceRef ref(String ns, String name) {
        return new io.gitmesh.model.ServiceRef(ns, name);
    }

    private static io.gitmesh.model.Identity id(String ns, String name) {
        return new io.gitmesh.model.Identity(ns, name);
    }
}
