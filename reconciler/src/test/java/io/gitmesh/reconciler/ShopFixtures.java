package io.gitmesh.reconciler;

/** A small shop for reconciler tests: the cluster objects and the route group their policies share. */
public final class ShopFixtures {
    /** ServiceAccounts shop/web and shop/client, Service shop/web:8080 and its Deployment. */
    public static final String CLUSTER = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: web, namespace: shop}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: client, namespace: shop}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 8080}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              template:
                metadata: {labels: {app: web}}
                spec: {serviceAccountName: web}
            """;
    /** HTTPRouteGroup shop/routes. */
    public static final String ROUTES = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: routes, namespace: shop}
            spec:
              matches:
              - name: read
                pathRegex: /items
                methods: [GET]
            """;

    private ShopFixtures() {
    }
}
