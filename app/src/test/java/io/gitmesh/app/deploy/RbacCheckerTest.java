package io.gitmesh.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RBAC checker on real client traffic: a fabric8 client makes the kinds of calls gitmesh's components
 * make against the mock API server (CRUD mode), the recorded requests become {@link KubeApiCall}s, and
 * {@link RbacPolicy} judges them against deploy/'s roles.
 */
class RbacCheckerTest {
    private static final String NS = DeployTree.NAMESPACE;
    private final RbacPolicy policy = DeployRbac.policy();
    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() throws InterruptedException {
        server = CrudApiServer.start();
        client = server.createClient();
        // what an administrator set up before gitmesh ran: not gitmesh's calls
        client.admissionRegistration().v1().mutatingWebhookConfigurations().resource(
                new MutatingWebhookConfigurationBuilder().withNewMetadata().withName("gitmesh-injector").endMetadata()
                        .build()).create();
        KubeApiCallLog.drain(server);
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void whatGitmeshDoesIsAllowed() throws InterruptedException {
        client.pods().inAnyNamespace().list();
        try (Watch ignored = client.discovery().v1().endpointSlices().inAnyNamespace().watch(new Ignore<>())) {
            client.namespaces().list();
        }
        // what KubernetesCaBundlePublisher does: read, then replace (PUT) under the resourceVersion
        var webhooks = client.admissionRegistration().v1().mutatingWebhookConfigurations()
                .withName("gitmesh-injector").get();
        client.admissionRegistration().v1().mutatingWebhookConfigurations().resource(
                new MutatingWebhookConfigurationBuilder(webhooks).editMetadata().addToLabels("ca", "published")
                        .endMetadata().build()).update();
        client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("split.smi-spec.io")
                .withVersion("v1alpha4").withKind("TrafficSplit").withPlural("trafficsplits").withNamespaced(true)
                .build()).inNamespace("shop")
                .resource(trafficSplit()).create();
        client.leases().inNamespace(NS).resource(new LeaseBuilder().withNewMetadata().withName("gitmesh-leader")
                .endMetadata().withNewSpec().withHolderIdentity("gitmesh-0").endSpec().build()).create();
        // fabric8 8's LeaseLock: read the Lease, then patch it
        client.leases().inNamespace(NS).withName("gitmesh-leader")
                .edit(l -> new LeaseBuilder(l).editSpec().withHolderIdentity("gitmesh-1").endSpec().build());
        client.secrets().inNamespace("shop").resource(new SecretBuilder().withNewMetadata()
                .withName("gitmesh-bootstrap-web-0").endMetadata().addToStringData("bootstrap.json", "{}").build())
                .create();
        client.secrets().inNamespace("shop").withName("gitmesh-bootstrap-web-0").delete();

        List<KubeApiCall> calls = KubeApiCallLog.calls(KubeApiCallLog.drain(server));

        assertThat(calls).extracting(KubeApiCall::toString).contains("list pods",
                "watch discovery.k8s.io/endpointslices",
                "get admissionregistration.k8s.io/mutatingwebhookconfigurations gitmesh-injector",
                "update admissionregistration.k8s.io/mutatingwebhookconfigurations gitmesh-injector",
                "create split.smi-spec.io/trafficsplits in shop", "patch coordination.k8s.io/leases gitmesh-leader in "
                        + NS, "delete secrets gitmesh-bootstrap-web-0 in shop");
        assertThat(policy.denied(calls)).isEmpty();
        assertThat(policy.unused(calls)).extracting(RbacGrant::permission)
                .doesNotContain("update admissionregistration.k8s.io/mutatingwebhookconfigurations [gitmesh-injector]"
                        + " cluster-wide", "create coordination.k8s.io/leases in " + NS)
                .contains("delete split.smi-spec.io/trafficsplits cluster-wide");
    }

    @Test
    void whatGitmeshMustNotDoIsDenied() throws InterruptedException {
        attempt(() -> client.services().inNamespace("shop").withName("web").get());
        attempt(() -> client.admissionRegistration().v1().mutatingWebhookConfigurations().withName("istio-injector")
                .edit(w -> w));
        attempt(() -> client.admissionRegistration().v1().mutatingWebhookConfigurations()
                .withName("gitmesh-injector").edit(w -> w));
        attempt(() -> client.namespaces().withName("kube-system").delete());
        attempt(() -> client.leases().inNamespace(NS).withName("someone-else").get());
        attempt(() -> client.leases().inNamespace("kube-system").resource(new LeaseBuilder().withNewMetadata()
                .withName("gitmesh-leader").endMetadata().build()).create());

        List<KubeApiCall> calls = KubeApiCallLog.calls(KubeApiCallLog.drain(server));

        assertThat(policy.denied(calls)).extracting(KubeApiCall::toString).containsExactly(
                "get services web in shop",
                "get admissionregistration.k8s.io/mutatingwebhookconfigurations istio-injector",
                "patch admissionregistration.k8s.io/mutatingwebhookconfigurations gitmesh-injector",
                "delete namespaces kube-system in kube-system",
                "get coordination.k8s.io/leases someone-else in " + NS,
                "create coordination.k8s.io/leases in kube-system");
    }

    private static GenericKubernetesResource trafficSplit() {
        return new GenericKubernetesResourceBuilder().withApiVersion("split.smi-spec.io/v1alpha4")
                .withKind("TrafficSplit").withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("service", "web", "backends", List.of(
                        Map.of("service", "web-v1", "weight", 100)))))
                .build();
    }

    /** A call whose outcome on the mock server does not matter here, only that it was made. */
    private static void attempt(Runnable call) {
        try {
            call.run();
        } catch (KubernetesClientException expected) {
            // not found, and the like: the request was recorded all the same
        }
    }

    private static final class Ignore<T> implements Watcher<T> {
        @Override
        public void eventReceived(Action action, T resource) {
        }

        @Override
        public void onClose(WatcherException cause) {
        }
    }
}
