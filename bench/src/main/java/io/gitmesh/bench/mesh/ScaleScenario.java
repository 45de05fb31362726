package io.gitmesh.bench.mesh;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.gitmesh.schema.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A generated repository at the scale of targets S1 and P1–P3 (shared/notes/performance.md), policy and
 * cluster objects in one tree so that a revision re-parses only the files it changes. For
 * {@code identities} identities (ServiceAccounts), ten per namespace, each identity has:
 * <ul>
 *   <li>four Services on port 8080 (HTTP), each with a ClusterIP: {@code <id>-web}, its versions
 *       {@code <id>-web-v1} and {@code <id>-web-v2}, and {@code <id>-api};</li>
 *   <li>ten Deployments (per zone: three of web v1 and two of web v2 with two replicas each, five of api
 *       with four), so 30 pods;</li>
 *   <li>an EndpointSlice per Service, listing those pods' IPs: 40 endpoints per identity;</li>
 *   <li>an HTTPRouteGroup (two matches) and a TrafficTarget letting its callers in;</li>
 *   <li>a TrafficSplit of {@code <id>-web}, 90 % to v1 and 10 % to v2, in a file of its own
 *       ({@link #splitFile}) so that moving a weight changes one small file.</li>
 * </ul>
 * Identity {@code j} may call 3 to 12 other identities ({@code 3 + j % 10}, spread over the namespaces),
 * that is 12 to 48 Services, 30 on average. At 500 identities: 2,000 Services, 5,000 Deployments,
 * 15,000 pods, 20,000 endpoints, 500 TrafficTargets and 500 TrafficSplits. Deterministic.
 *
 * @param identities how many identities; 500 for the figures in bench/README.md
 */
public record ScaleScenario(int identities) {
    public static final ScaleScenario STANDARD = new ScaleScenario(500);
    public static final int PORT = 8080;
    public static final int DEFAULT_V1_WEIGHT = 90;

    private static final int IDENTITIES_PER_NAMESPACE = 10;
    private static final int PODS_PER_IDENTITY = 30;
    private static final int CALLEES_MIN = 3;
    private static final int CALLEES_SPREAD = 10;
    /** The stride between an identity's callees: prime to the usual sizes, so they land in many namespaces. */
    private static final int CALLEE_STRIDE = 61;

    public ScaleScenario {
        if (identities < 2) {
            throw new IllegalArgumentException("a scenario needs at least two identities, not " + identities);
        }
    }

    /** Every file of the repository, each split at the default weights. */
    public List<SourceFile> files() {
        List<SourceFile> files = new ArrayList<>(2 * identities + 1);
        files.add(file("mesh.yaml", """
                apiVersion: gitmesh.io/v1alpha1
                kind: MeshConfig
                metadata: {name: mesh}
                spec:
                  trustDomain: bench.local
                """));
        List<SortedSet<Integer>> callers = callers();
        for (int i = 0; i < identities; i++) {
            files.add(file(namespace(i) + "/" + name(i) + ".yaml", identity(i, callers.get(i))));
            files.add(splitFile(i, DEFAULT_V1_WEIGHT));
        }
        return files;
    }

    /** The file holding identity {@code i}'s TrafficSplit, sending {@code v1Weight} % to v1 and the rest to v2. */
    public SourceFile splitFile(int i, int v1Weight) {
        if (v1Weight < 0 || v1Weight > 100) {
            throw new IllegalArgumentException("a weight in percent is 0-100, not " + v1Weight);
        }
        return file(namespace(i) + "/" + name(i) + "-split.yaml", """
                apiVersion: split.smi-spec.io/v1alpha4
                kind: TrafficSplit
                metadata: {name: %1$s-web, namespace: %2$s}
                spec:
                  service: %1$s-web
                  backends:
                  - {service: %1$s-web-v1, weight: %3$d}
                  - {service: %1$s-web-v2, weight: %4$d}
                """.formatted(name(i), namespace(i), v1Weight, 100 - v1Weight));
    }

    /** The identities {@code j} may call, sorted. */
    public SortedSet<Integer> callees(int j) {
        int count = Math.min(CALLEES_MIN + j % CALLEES_SPREAD, identities - 1);
        SortedSet<Integer> callees = new TreeSet<>();
        for (int step = 0; callees.size() < count; step++) {
            // after a full round the offset moves by one, should the stride share a factor with the size
            int callee = (j + 1 + step * CALLEE_STRIDE + step / identities) % identities;
            if (callee != j) {
                callees.add(callee);
            }
        }
        return callees;
    }

    public static String namespace(int i) {
        return "team-%02d".formatted(i / IDENTITIES_PER_NAMESPACE);
    }

    /** The ServiceAccount name of identity {@code i}, also the prefix of its Services and Deployments. */
    public static String name(int i) {
        return "app-" + i % IDENTITIES_PER_NAMESPACE;
    }

    private List<SortedSet<Integer>> callers() {
        List<SortedSet<Integer>> callers = IntStream.range(0, identities)
                .<SortedSet<Integer>>mapToObj(i -> new TreeSet<>())
                .collect(Collectors.toCollection(ArrayList::new));
        for (int j = 0; j < identities; j++) {
            for (int callee : callees(j)) {
                callers.get(callee).add(j);
            }
        }
        return callers;
    }

    private static String identity(int i, SortedSet<Integer> callers) {
        String ns = namespace(i);
        String app = name(i);
        int pod = i * PODS_PER_IDENTITY;
        List<String> webV1 = podIps(pod, 6);
        List<String> webV2 = podIps(pod + 6, 4);
        List<String> api = podIps(pod + 10, 20);
        List<String> web = new ArrayList<>(webV1);
        web.addAll(webV2);
        StringBuilder b = new StringBuilder("""
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: %s, namespace: %s}
                """.formatted(app, ns));
        int service = i * 4;
        b.append(service(ns, app + "-web", service, "{app: " + app + "-web}", web));
        b.append(service(ns, app + "-web-v1", service + 1, "{app: " + app + "-web, version: v1}", webV1));
        b.append(service(ns, app + "-web-v2", service + 2, "{app: " + app + "-web, version: v2}", webV2));
        b.append(service(ns, app + "-api", service + 3, "{app: " + app + "-api}", api));
        for (int zone = 0; zone < 3; zone++) {
            b.append(deployment(ns, app, app + "-web-v1-z" + zone, app + "-web", "v1", 2));
        }
        for (int zone = 0; zone < 2; zone++) {
            b.append(deployment(ns, app, app + "-web-v2-z" + zone, app + "-web", "v2", 2));
        }
        for (int zone = 0; zone < 5; zone++) {
            b.append(deployment(ns, app, app + "-api-z" + zone, app + "-api", "v1", 4));
        }
        b.append("""
                ---
                apiVersion: specs.smi-spec.io/v1alpha4
                kind: HTTPRouteGroup
                metadata: {name: %1$s-routes, namespace: %2$s}
                spec:
                  matches:
                  - name: read
                    pathRegex: "/api/v1/items(/.*)?"
                    methods: [GET, HEAD]
                  - name: write
                    pathRegex: "/api/v1/items"
                    methods: [POST]
                    headers:
                    - x-tenant: "team-[0-9]+"
                ---
                apiVersion: access.smi-spec.io/v1alpha3
                kind: TrafficTarget
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  destination: {kind: ServiceAccount, name: %1$s, namespace: %2$s}
                  rules:
                  - kind: HTTPRouteGroup
                    name: %1$s-routes
                    matches: [read, write]
                  sources:
                """.formatted(app, ns));
        for (int caller : callers) {
            b.append("  - {kind: ServiceAccount, name: %s, namespace: %s}\n".formatted(name(caller), namespace(caller)));
        }
        return b.toString();
    }

    private static String service(String ns, String name, int index, String selector, List<String> endpoints) {
        StringBuilder b = new StringBuilder("""
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  clusterIP: %3$s
                  selector: %4$s
                  ports:
                  - {name: http, port: %5$d, targetPort: %5$d, appProtocol: http}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: %1$s-a1b2c
                  namespace: %2$s
                  labels: {kubernetes.io/service-name: %1$s}
                addressType: IPv4
                ports:
                - {name: http, port: %5$d, protocol: TCP}
                endpoints:
                """.formatted(name, ns, address(96, index), selector, PORT));
        endpoints.forEach(ip -> b.append("- addresses: [\"").append(ip).append("\"]\n  conditions: {ready: true}\n"));
        return b.toString();
    }

    private static String deployment(String ns, String serviceAccount, String name, String app, String version,
            int replicas) {
        return """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  replicas: %6$d
                  selector:
                    matchLabels: {app: %3$s, version: %4$s}
                  template:
                    metadata:
                      labels: {app: %3$s, version: %4$s}
                    spec:
                      serviceAccountName: %5$s
                      containers:
                      - name: app
                        image: example/app:1
                        ports:
                        - {name: http, containerPort: %7$d}
                """.formatted(name, ns, app, version, serviceAccount, replicas, PORT);
    }

    private static List<String> podIps(int first, int count) {
        return IntStream.range(first, first + count).mapToObj(p -> address(1, p)).toList();
    }

    /** The {@code index}-th address of {@code 10.<block>.0.0/16}. */
    private static String address(int block, int index) {
        return "10.%d.%d.%d".formatted(block, index / 250, index % 250 + 1);
    }

    private static SourceFile file(String path, String text) {
        return new SourceFile(path, text.getBytes(UTF_8));
    }
}
