package io.gitmesh.injector.mutate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a pod not yet injected is to be: never on the host network (its iptables rules would be the
 * node's); otherwise as its {@link Annotations#INJECT} annotation says, and without one as its
 * namespace's label says ({@code enabled}: yes, anything else or nothing: no).
 */
final class Enrolment {
    private Enrolment() {
    }

    /** Why the pod is left alone or refused; empty when it is to be injected. */
    static Optional<Injection> objection(PodInput pod) {
        Map<String, String> annotations = Pods.annotations(pod.metadata());
        String choice = annotations.get(Annotations.INJECT);
        if (choice != null && !choice.equals(Annotations.ENABLED) && !choice.equals(Annotations.DISABLED)) {
            return Optional.of(new Injection.Refused(List.of(Annotations.INJECT + ": \"" + choice + "\" is neither "
                    + Annotations.ENABLED + " nor " + Annotations.DISABLED)));
        }
        if (Boolean.TRUE.equals(pod.spec().getHostNetwork())) {
            return Optional.of(new Injection.NotInjected("the pod uses the host's network (hostNetwork: true): "
                    + "redirecting its traffic would redirect the node's"));
        }
        if (Annotations.DISABLED.equals(choice)) {
            return Optional.of(new Injection.NotInjected("the pod opts out (" + Annotations.INJECT + ": "
                    + Annotations.DISABLED + ")"));
        }
        if (choice == null && !Annotations.ENABLED.equals(pod.namespaceLabels().get(Annotations.INJECT))) {
            return Optional.of(new Injection.NotInjected("the namespace is not enrolled (label it "
                    + Annotations.INJECT + "=" + Annotations.ENABLED + ", or annotate the pod)"));
        }
        return Optional.empty();
    }
}
