package io.gitmesh.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.gitmesh.schema.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated policy repository of {@code services} services, one file each: the Service, its
 * ServiceAccount and Deployment, an HTTPRouteGroup and a TrafficTarget that lets the previous
 * service call it; every tenth service also gets a v2 and a TrafficSplit between the two versions.
 * Namespaces hold 40 services each. Deterministic: the same size gives the same bytes.
 */
public final class SyntheticRepository {
    private static final int SERVICES_PER_NAMESPACE = 40;
    private static final int SPLIT_EVERY = 10;
    static final int INITIAL_CANARY_PERCENT = 10;

    private SyntheticRepository() {
    }

    public static List<SourceFile> generate(int services) {
        List<SourceFile> files = new ArrayList<>(services + 1);
        files.add(new SourceFile("mesh.yaml", """
                apiVersion: gitmesh.io/v1alpha1
                kind: MeshConfig
                metadata: {name: mesh}
                spec:
                  trustDomain: bench.local
                """.getBytes(UTF_8)));
        for (int i = 0; i < services; i++) {
            files.add(serviceFile(i, INITIAL_CANARY_PERCENT));
        }
        return files;
    }

    /**
     * The file of service {@code i} with its TrafficSplit sending {@code canaryPercent} % to v2 (the
     * generated repository sends 10 %): an edit as a commit would make it.
     *
     * @throws IllegalArgumentException when service {@code i} has no split (see {@link #hasSplit})
     */
    public static SourceFile withCanaryPercent(int i, int canaryPercent) {
        if (!hasSplit(i)) {
            throw new IllegalArgumentException("service " + i + " has no TrafficSplit; every " + SPLIT_EVERY
                    + "th service has one");
        }
        if (canaryPercent < 0 || canaryPercent > 100) {
            throw new IllegalArgumentException("a percentage is 0 to 100, not " + canaryPercent);
        }
        return serviceFile(i, canaryPercent);
    }

    public static boolean hasSplit(int i) {
        return i % SPLIT_EVERY == 0;
    }

    /** The path of service {@code i}'s file. */
    public static String path(int i) {
        return namespace(i) + "/" + name(i) + ".yaml";
    }

    public static String name(int i) {
        return "svc-" + i;
    }

    private static SourceFile serviceFile(int i, int canaryPercent) {
        return new SourceFile(path(i), service(i, canaryPercent).getBytes(UTF_8));
    }

    public static String namespace(int i) {
        return "team-" + (i / SERVICES_PER_NAMESPACE);
    }

    private static String service(int i, int canaryPercent) {
        String ns = namespace(i);
        String name = name(i);
        String caller = name(Math.max(0, i - 1));
        String callerNs = namespace(Math.max(0, i - 1));
        StringBuilder b = new StringBuilder();
        b.append(workload(ns, name, name, "v1"));
        b.append("""
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  selector: {app: %1$s}
                  ports:
                  - {name: http, port: 8080, appProtocol: http}
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
                  - {kind: ServiceAccount, name: %3$s, namespace: %4$s}
                """.formatted(name, ns, caller, callerNs));
        if (hasSplit(i)) {
            b.append(workload(ns, name + "-v2", name, "v2"));
            b.append("""
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: %1$s-v1, namespace: %2$s}
                    spec:
                      selector: {app: %1$s, version: v1}
                      ports:
                      - {name: http, port: 8080, appProtocol: http}
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: %1$s-v2, namespace: %2$s}
                    spec:
                      selector: {app: %1$s, version: v2}
                      ports:
                      - {name: http, port: 8080, appProtocol: http}
                    ---
                    apiVersion: split.smi-spec.io/v1alpha4
                    kind: TrafficSplit
                    metadata: {name: %1$s, namespace: %2$s}
                    spec:
                      service: %1$s
                      backends:
                      - {service: %1$s-v1, weight: %3$d}
                      - {service: %1$s-v2, weight: %4$d}
                    """.formatted(name, ns, 100 - canaryPercent, canaryPercent));
        }
        return b.toString();
    }

    private static String workload(String ns, String name, String app, String version) {
        return """
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: %1$s, namespace: %2$s}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  replicas: 3
                  selector:
                    matchLabels: {app: %3$s, version: %4$s}
                  template:
                    metadata:
                      labels: {app: %3$s, version: %4$s}
                    spec:
                      serviceAccountName: %1$s
                      containers:
                      - name: app
                        image: example/app:1
                        ports:
                        - {name: http, containerPort: 8080}
                """.formatted(name, ns, app, version);
    }
}
