package io.gitmesh.schema.kube;

import io.gitmesh.schema.policy.Meta;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something that runs pods: a Deployment, StatefulSet, DaemonSet or a bare Pod.
 *
 * @param workloadKind    Deployment, StatefulSet, DaemonSet or Pod
 * @param podLabels       labels of the pods it runs (the template's, or the Pod's own)
 * @param serviceAccount  {@code default} when the pod spec names none
 * @param replicas        desired pods (1 for a Pod and when unset; DaemonSets count 1)
 * @param ports           container ports of all containers
 * @param podIPs          for a Pod with a status: its IPs; otherwise empty
 */
public record KubeWorkload(Meta meta, String workloadKind, Map<String, String> podLabels, String serviceAccount,
        int replicas, List<ContainerPort> ports, List<String> podIPs) implements KubeObject {

    public KubeWorkload {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(workloadKind, "workloadKind");
        podLabels = Map.copyOf(podLabels);
        serviceAccount = serviceAccount == null || serviceAccount.isEmpty() ? "default" : serviceAccount;
        ports = List.copyOf(ports);
        podIPs = List.copyOf(podIPs);
    }

    @Override
    public String kind() {
        return workloadKind;
    }
}
