package io.gitmesh.xds.translate;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A small cluster in namespace {@code shop}, written as Kubernetes manifests with ClusterIPs and pod IPs,
 * in pieces that tests and golden cases combine with their policy:
 * <ul>
 *   <li>clients {@code web} and {@code mobile} (pods, no Service);</li>
 *   <li>{@code api} on 8080 (HTTP), selecting versions {@code api-v1}, {@code api-v2} (each a Service and a
 *       pod of its own identity) and {@code api-v3} (a Service without pods);</li>
 *   <li>{@code db} on 5432 (TCP, port name {@code tcp-db}) with versions {@code db-v1} and {@code db-v2};</li>
 *   <li>{@code cache}, a headless TCP Service on 6379;</li>
 *   <li>{@code greeter} on 50051 (appProtocol grpc, named targetPort {@code grpc} = container port 9000)
 *       with versions {@code greeter-v1} and {@code greeter-v2}.</li>
 * </ul>
 */
public final class Shop {
    public static final String CLIENTS = documents(
            pod("web-0", "web", "10.1.0.1", "app: web"),
            pod("mobile-0", "mobile", "10.1.0.2", "app: mobile"));

    public static final String API = documents(
            service("api", "10.96.0.10", "app: api", "{name: http, port: 8080, targetPort: 8080}"),
            service("api-v1", "10.96.0.11", "app: api, version: v1", "{name: http, port: 8080, targetPort: 8080}"),
            service("api-v2", "10.96.0.12", "app: api, version: v2", "{name: http, port: 8080, targetPort: 8080}"),
            service("api-v3", "10.96.0.13", "app: api, version: v3", "{name: http, port: 8080, targetPort: 8080}"),
            pod("api-v1-0", "api-v1", "10.1.1.1", "app: api, version: v1", "{name: http, containerPort: 8080}"),
            pod("api-v2-0", "api-v2", "10.1.1.2", "app: api, version: v2", "{name: http, containerPort: 8080}"));

    public static final String DB = documents(
            service("db", "10.96.0.20", "app: db", "{name: tcp-db, port: 5432, targetPort: 5432}"),
            service("db-v1", "10.96.0.21", "app: db, version: v1", "{name: tcp-db, port: 5432, targetPort: 5432}"),
            service("db-v2", "10.96.0.22", "app: db, version: v2", "{name: tcp-db, port: 5432, targetPort: 5432}"),
            pod("db-v1-0", "db-v1", "10.1.2.1", "app: db, version: v1", "{name: tcp-db, containerPort: 5432}"),
            pod("db-v2-0", "db-v2", "10.1.2.2", "app: db, version: v2", "{name: tcp-db, containerPort: 5432}"));

    public static final String CACHE = documents(
            service("cache", "None", "app: cache", "{name: tcp-redis, port: 6379, targetPort: 6379}"),
            pod("cache-0", "cache", "10.1.3.1", "app: cache", "{name: tcp-redis, containerPort: 6379}"),
            pod("cache-1", "cache", "10.1.3.2", "app: cache", "{name: tcp-redis, containerPort: 6379}"));

    public static final String GREETER = documents(
            service("greeter", "10.96.0.40", "app: greeter",
                    "{name: rpc, port: 50051, targetPort: grpc, appProtocol: grpc}"),
            service("greeter-v1", "10.96.0.41", "app: greeter, version: v1",
                    "{name: rpc, port: 50051, targetPort: grpc, appProtocol: grpc}"),
            service("greeter-v2", "10.96.0.42", "app: greeter, version: v2",
                    "{name: rpc, port: 50051, targetPort: grpc, appProtocol: grpc}"),
            pod("greeter-v1-0", "greeter-v1", "10.1.4.1", "app: greeter, version: v1", "{name: grpc, containerPort: 9000}"),
            pod("greeter-v2-0", "greeter-v2", "10.1.4.2", "app: greeter, version: v2", "{name: grpc, containerPort: 9000}"));

    private Shop() {
    }

    /** A bare pod of namespace shop running as the service account, with its IP and container ports. */
    static String pod(String name, String serviceAccount, String ip, String labels, String... ports) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: shop, labels: {%s}}
                spec:
                  serviceAccountName: %s
                  containers: [{name: app, ports: [%s]}]
                status: {podIP: %s}
                """.formatted(name, labels, serviceAccount, String.join(", ", ports), ip);
    }

    /** A Service of namespace shop. */
    static String service(String name, String clusterIp, String selector, String... ports) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: shop}
                spec:
                  clusterIP: %s
                  selector: {%s}
                  ports: [%s]
                """.formatted(name, clusterIp, selector, String.join(", ", ports));
    }

    /** The documents as one YAML stream. */
    static String documents(String... documents) {
        return Arrays.stream(documents).collect(Collectors.joining("---\n"));
    }
}
