package io.gitmesh.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HTTP requests read as the RBAC authorizer reads them. */
class KubeApiCallTest {
    @Test
    void aServerSideApplyAlsoNeedsCreate() {
        List<KubeApiCall> calls = KubeApiCall.of("PATCH",
                "/apis/access.smi-spec.io/v1alpha3/namespaces/shop/traffictargets/web?fieldManager=gitmesh&force=true",
                KubeApiCall.APPLY_PATCH);
        assertThat(calls).extracting(KubeApiCall::toString).containsExactly(
                "patch access.smi-spec.io/traffictargets web in shop",
                "create access.smi-spec.io/traffictargets web in shop");
        assertThat(DeployRbac.policy().denied(calls)).isEmpty();
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("list across namespaces", "GET", "/api/v1/pods", "list pods"),
                Arguments.of("watch by query", "GET", "/api/v1/namespaces/shop/services?watch=true&resourceVersion=1",
                        "watch services in shop"),
                Arguments.of("watch by the old prefix", "GET", "/apis/discovery.k8s.io/v1/watch/endpointslices",
                        "watch discovery.k8s.io/endpointslices"),
                Arguments.of("a watch narrowed to one name carries it", "GET",
                        "/api/v1/namespaces/gitmesh-system/secrets?fieldSelector=metadata.name%3Dgitmesh-ca&watch=true",
                        "watch secrets gitmesh-ca in gitmesh-system"),
                Arguments.of("get a cluster-scoped object", "GET",
                        "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/gitmesh-injector",
                        "get admissionregistration.k8s.io/mutatingwebhookconfigurations gitmesh-injector"),
                Arguments.of("a namespace is its own namespace", "GET", "/api/v1/namespaces/shop",
                        "get namespaces shop in shop"),
                Arguments.of("a namespace's subresource", "PUT", "/api/v1/namespaces/shop/finalize",
                        "update namespaces/finalize shop in shop"),
                Arguments.of("a subresource", "PATCH", "/api/v1/namespaces/shop/pods/web-0/status",
                        "patch pods/status web-0 in shop"),
                Arguments.of("create", "POST", "/apis/coordination.k8s.io/v1/namespaces/gitmesh-system/leases",
                        "create coordination.k8s.io/leases in gitmesh-system"),
                Arguments.of("delete collection", "DELETE", "/api/v1/namespaces/shop/secrets?labelSelector=a%3Db",
                        "deletecollection secrets in shop"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void requestsMapToWhatTheAuthorizerChecks(String name, String method, String path, String expected) {
        assertThat(KubeApiCall.of(method, path, "")).singleElement().hasToString(expected);
    }

    @Test
    void discoveryIsNoResourceRequest() {
        assertThat(KubeApiCall.of("GET", "/apis", "")).isEmpty();
        assertThat(KubeApiCall.of("GET", "/version", "")).isEmpty();
        assertThat(KubeApiCall.of("GET", "/apis/split.smi-spec.io/v1alpha4", "")).isEmpty();
    }
}
