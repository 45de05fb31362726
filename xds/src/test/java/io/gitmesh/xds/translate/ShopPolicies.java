package io.gitmesh.xds.translate;

/** SMI policy for the {@link Shop} cluster, one feature at a time. */
public final class ShopPolicies {
    /** Every request to an HTTP port (any path, any method). */
    public static final String EVERYTHING = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: everything, namespace: shop}
            spec:
              matches:
              - name: all
                pathRegex: ".*"
            """;

    /**
     * web may use api-v1's orders (GET or POST, with an x-tenant header of lowercase letters) and health;
     * mobile only health.
     */
    public static final String API_ROUTES = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: api-routes, namespace: shop}
            spec:
              matches:
              - name: orders
                pathRegex: /orders(/.*)?
                methods: [GET, POST]
                headers:
                - x-tenant: "[a-z]+"
              - name: health
                pathRegex: /health
                methods: [GET]
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: web-to-api, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: api-v1, namespace: shop}
              rules: [{kind: HTTPRouteGroup, name: api-routes, matches: [orders, health]}]
              sources: [{kind: ServiceAccount, name: web, namespace: shop}]
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: mobile-to-api, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: api-v1, namespace: shop}
              rules: [{kind: HTTPRouteGroup, name: api-routes, matches: [health]}]
              sources: [{kind: ServiceAccount, name: mobile, namespace: shop}]
            """;

    /** web may connect to db-v1 on 5432. */
    public static final String DB_ACCESS = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: TCPRoute
            metadata: {name: db, namespace: shop}
            spec: {matches: {ports: [5432]}}
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: web-to-db, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: db-v1, namespace: shop}
              rules: [{kind: TCPRoute, name: db}]
              sources: [{kind: ServiceAccount, name: web, namespace: shop}]
            """;

    /** A TrafficTarget with a TCPRoute only, on api-v1's HTTP port: every request of web is allowed. */
    public static final String L4_RULE_ON_HTTP_PORT = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: TCPRoute
            metadata: {name: api-port, namespace: shop}
            spec: {matches: {ports: [8080]}}
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: web-to-api, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: api-v1, namespace: shop}
              rules: [{kind: TCPRoute, name: api-port}]
              sources: [{kind: ServiceAccount, name: web, namespace: shop}]
            """;

    /** web may send everything to both api versions. */
    public static final String WEB_TO_API_VERSIONS = EVERYTHING + """
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: web-to-api-v1, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: api-v1, namespace: shop}
              rules: [{kind: HTTPRouteGroup, name: everything}]
              sources: [{kind: ServiceAccount, name: web, namespace: shop}]
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: web-to-api-v2, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: api-v2, namespace: shop}
              rules: [{kind: HTTPRouteGroup, name: everything}]
              sources: [{kind: ServiceAccount, name: web, namespace: shop}]
            """;

    /** api split 70/30 between v1 and v2, and 0 to api-v3 (a Service without pods). */
    public static final String API_SPLIT_WITH_ZERO_WEIGHT = """
            apiVersion: split.smi-spec.io/v1alpha2
            kind: TrafficSplit
            metadata: {name: api-split, namespace: shop}
            spec:
              service: api
              backends: [{service: api-v1, weight: 70}, {service: api-v2, weight: 30}, {service: api-v3, weight: 0}]
            """;

    /** Requests with {@code x-canary: true} go to api-v2, the others to api-v1 (split v1alpha4). */
    public static final String API_HEADER_SPLIT = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: canary-users, namespace: shop}
            spec:
              matches:
              - name: canary-header
                headers:
                - x-canary: "true"
            ---
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: api-canary, namespace: shop}
            spec:
              service: api
              matches: [{kind: HTTPRouteGroup, name: canary-users}]
              backends: [{service: api-v2, weight: 100}]
            ---
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: api-stable, namespace: shop}
            spec:
              service: api
              backends: [{service: api-v1, weight: 100}]
            """;

    /** web may connect to both db versions; db split 80/20. */
    public static final String DB_SPLIT = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: TCPRoute
            metadata: {name: db, namespace: shop}
            spec: {matches: {ports: [5432]}}
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: web-to-db-v1, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: db-v1, namespace: shop}
              rules: [{kind: TCPRoute, name: db}]
              sources: [{kind: ServiceAccount, name: web, namespace: shop}]
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: web-to-db-v2, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: db-v2, namespace: shop}
              rules: [{kind: TCPRoute, name: db}]
              sources: [{kind: ServiceAccount, name: web, namespace: shop}]
            ---
            apiVersion: split.smi-spec.io/v1alpha2
            kind: TrafficSplit
            metadata: {name: db-split, namespace: shop}
            spec:
              service: db
              backends: [{service: db-v1, weight: 80}, {service: db-v2, weight: 20}]
            """;

    /** web may connect to the headless cache on 6379. */
    public static final String CACHE_ACCESS = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: TCPRoute
            metadata: {name: cache, namespace: shop}
            spec: {matches: {ports: [6379]}}
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: web-to-cache, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: cache, namespace: shop}
              rules: [{kind: TCPRoute, name: cache}]
              sources: [{kind: ServiceAccount, name: web, namespace: shop}]
            """;

    /**
     * greeter: web may call SayHello on both versions, mobile on greeter-v1 only; the split sends 90 % to
     * v1 and 10 % to v2, and calls with {@code x-canary: true} all to v2.
     */
    public static final String GREETER = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: greeter-methods, namespace: shop}
            spec:
              matches:
              - name: say-hello
                pathRegex: /helloworld\\.Greeter/SayHello
            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: canary-users, namespace: shop}
            spec:
              matches:
              - name: canary-header
                headers:
                - x-canary: "true"
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: callers-to-greeter-v1, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: greeter-v1, namespace: shop}
              rules: [{kind: HTTPRouteGroup, name: greeter-methods, matches: [say-hello]}]
              sources: [{kind: ServiceAccount, name: web, namespace: shop}, {kind: ServiceAccount, name: mobile, namespace: shop}]
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: web-to-greeter-v2, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: greeter-v2, namespace: shop}
              rules: [{kind: HTTPRouteGroup, name: greeter-methods, matches: [say-hello]}]
              sources: [{kind: ServiceAccount, name: web, namespace: shop}]
            ---
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: greeter-canary, namespace: shop}
            spec:
              service: greeter
              matches: [{kind: HTTPRouteGroup, name: canary-users}]
              backends: [{service: greeter-v2, weight: 100}]
            ---
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: greeter-split, namespace: shop}
            spec:
              service: greeter
              backends: [{service: greeter-v1, weight: 90}, {service: greeter-v2, weight: 10}]
            """;

    private ShopPolicies() {
    }
}
