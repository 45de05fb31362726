package io.gitmesh.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deploy/'s RBAC against what gitmesh's code does. The calls are those of the components run here
 * ({@link GitmeshApiCalls}) and those other modules' tests logged ({@link KubeApiCallLog}). Every call must
 * be allowed, and every grant used by a call — or listed in {@link #AWAITING_CODE} under the component whose
 * calls are not recorded yet. A grant leaves that list once a recorded call uses it (the last test here
 * insists), so a grant that no code uses cannot hide.
 */
class RbacCoverageTest {
    /** Grants whose calls are not recorded yet, by the component that makes (or will make) them. */
    static final Map<String, List<String>> AWAITING_CODE = Map.of(
            "ca.certmanager.CertManagerIssuer: reading a signed request (cert-manager does not answer here)",
            List.of("get cert-manager.io/certificaterequests in gitmesh-system"));

    private static final RbacPolicy POLICY = DeployRbac.policy();
    private static final Map<String, List<KubeApiCall>> CALLS = new TreeMap<>();

    @BeforeAll
    static void record() {
        CALLS.putAll(GitmeshApiCalls.record());
        CALLS.putAll(KubeApiCallLog.readAll());
    }

    static Stream<Arguments> components() {
        return CALLS.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("components")
    void everyCallIsAllowed(String component, List<KubeApiCall> calls) {
        assertThat(calls).as("%s makes API calls", component).isNotEmpty();
        assertThat(POLICY.denied(calls)).as("calls of %s that deploy/'s RBAC refuses (grant them, with a reason "
                + "in deploy/README.md, or make the code do without)", component).isEmpty();
    }

    @Test
    void theInstallsNamesAreTheOnesTheComponentsUse() {
        assertThat(allCalls()).extracting(KubeApiCall::toString).contains(
                "get secrets " + GitmeshApiCalls.CA_SECRET + " in gitmesh-system",
                "patch coordination.k8s.io/leases gitmesh-leader in gitmesh-system",
                "update admissionregistration.k8s.io/mutatingwebhookconfigurations "
                        + GitmeshApiCalls.WEBHOOK_CONFIGURATION);
    }

    @Test
    void everyGrantIsUsedOrAwaitsItsCode() {
        Set<String> unused = permissions(POLICY.unused(allCalls()));
        assertThat(unused).as("grants in deploy/ that no recorded call uses and no component awaits: remove them")
                .isSubsetOf(awaiting());
    }

    @Test
    void theAwaitingListNamesGrantsThatExistAndAreNotYetUsed() {
        Set<String> granted = permissions(POLICY.grants());
        assertThat(awaiting()).as("awaited grants missing from deploy/").isSubsetOf(granted);
        Set<String> used = new TreeSet<>(granted);
        used.removeAll(permissions(POLICY.unused(allCalls())));
        assertThat(used).as("grants now used by recorded calls: take them off AWAITING_CODE")
                .doesNotContainAnyElementsOf(awaiting());
    }

    private static List<KubeApiCall> allCalls() {
        return CALLS.values().stream().flatMap(List::stream).toList();
    }

    private static Set<String> awaiting() {
        return AWAITING_CODE.values().stream().flatMap(List::stream).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> permissions(Collection<RbacGrant> grants) {
        return grants.stream().map(RbacGrant::permission).collect(Collectors.toCollection(TreeSet::new));
    }
}
