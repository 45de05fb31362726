package io.gitmesh.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * deploy/'s RBAC against what gitmesh's code does: every API call its components' tests logged (see
 * {@link KubeApiCallLog}) is allowed, and every grant is used by a logged call — or is listed in
 * {@link #AWAITING_CODE} under the component whose code will make that call. When a component's tests
 * start logging, its entries leave the list (the last test here insists), so the list shrinks to nothing
 * as issue 7's code lands, and a grant no code uses cannot hide.
 */
class RbacCoverageTest {
    /** Grants whose calls no logged test makes yet, by the component that will make them. */
    static final Map<String, List<String>> AWAITING_CODE = Map.of(
            "reconciler.kube informers: cluster state (issue 7 item 1)", List.of(
                    "list namespaces cluster-wide", "watch namespaces cluster-wide",
                    "list services cluster-wide", "watch services cluster-wide",
                    "list pods cluster-wide", "watch pods cluster-wide",
                    "list serviceaccounts cluster-wide", "watch serviceaccounts cluster-wide",
                    "list discovery.k8s.io/endpointslices cluster-wide",
                    "watch discovery.k8s.io/endpointslices cluster-wide"),
            "SMI mirror: server-side apply, drift watch, prune (issue 7 item 2)", smiMirror(),
            "status Events (issue 7 item 3)", List.of(
                    "create events in gitmesh-system", "patch events in gitmesh-system"),
            "leader election, fabric8 LeaseLock on gitmesh-leader (issue 7 item 4)", List.of(
                    "create coordination.k8s.io/leases in gitmesh-system",
                    "get coordination.k8s.io/leases [gitmesh-leader] in gitmesh-system",
                    "update coordination.k8s.io/leases [gitmesh-leader] in gitmesh-system"),
            "ca.store KubernetesSecretCaStore on gitmesh-ca", List.of(
                    "create secrets in gitmesh-system", "get secrets [gitmesh-ca] in gitmesh-system",
                    "list secrets [gitmesh-ca] in gitmesh-system", "watch secrets [gitmesh-ca] in gitmesh-system",
                    "update secrets [gitmesh-ca] in gitmesh-system"),
            "injector.secrets per-pod bootstrap Secret controller", List.of(
                    "get secrets cluster-wide", "list secrets cluster-wide", "watch secrets cluster-wide",
                    "create secrets cluster-wide", "update secrets cluster-wide", "delete secrets cluster-wide"),
            "CaBundlePublisher on the MutatingWebhookConfiguration", List.of(
                    "get admissionregistration.k8s.io/mutatingwebhookconfigurations [gitmesh-injector] cluster-wide",
                    "patch admissionregistration.k8s.io/mutatingwebhookconfigurations [gitmesh-injector] cluster-wide"),
            "ca.certmanager issuer (component cert-manager)", List.of(
                    "create cert-manager.io/certificaterequests in gitmesh-system",
                    "get cert-manager.io/certificaterequests in gitmesh-system",
                    "watch cert-manager.io/certificaterequests in gitmesh-system"));

    private final RbacPolicy policy = DeployRbac.policy();
    private final Map<String, List<KubeApiCall>> logged = KubeApiCallLog.readAll();

    @Test
    void everyLoggedCallIsAllowed() {
        logged.forEach((component, calls) -> assertThat(policy.denied(calls))
                .as("calls of %s that deploy/'s RBAC refuses (grant them, with a reason in deploy/README.md, "
                        + "or make the code do without)", component).isEmpty());
    }

    @Test
    void everyGrantIsUsedOrAwaitsItsCode() {
        Set<String> unused = permissions(policy.unused(allLogged()));
        assertThat(unused).as("grants in deploy/ that no logged call uses and no component awaits: remove them")
                .isSubsetOf(awaiting());
    }

    @Test
    void theAwaitingListNamesGrantsThatExistAndAreNotYetUsed() {
        Set<String> granted = permissions(policy.grants());
        assertThat(awaiting()).as("awaited grants missing from deploy/").isSubsetOf(granted);
        Set<String> used = new TreeSet<>(granted);
        used.removeAll(permissions(policy.unused(allLogged())));
        assertThat(used).as("grants now used by logged calls: take them off AWAITING_CODE")
                .doesNotContainAnyElementsOf(awaiting());
    }

    private List<KubeApiCall> allLogged() {
        return logged.values().stream().flatMap(List::stream).toList();
    }

    private static Set<String> awaiting() {
        return AWAITING_CODE.values().stream().flatMap(List::stream).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> permissions(Collection<RbacGrant> grants) {
        return grants.stream().map(RbacGrant::permission).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> smiMirror() {
        List<String> resources = List.of("access.smi-spec.io/traffictargets", "specs.smi-spec.io/httproutegroups",
                "specs.smi-spec.io/tcproutes", "specs.smi-spec.io/udproutes", "split.smi-spec.io/trafficsplits");
        return resources.stream().flatMap(r -> List.of("list", "watch", "create", "patch", "delete").stream()
                .map(verb -> verb + " " + r + " cluster-wide")).toList();
    }
}
