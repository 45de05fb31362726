package io.gitmesh.injector.secrets;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.gitmesh.injector.mutate.Injection;
import io.gitmesh.injector.mutate.InjectionSettings;
import io.gitmesh.injector.mutate.PodInput;
import io.gitmesh.injector.mutate.PodMutator;
import java.util.Optional;

/** Pods as the webhook leaves them, and pods it never saw. */
final class InjectedPods {
    private InjectedPods() {
    }

    /** A plain pod of {@code serviceAccount}, not injected. */
    static Pod plain(String namespace, String name, String serviceAccount) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).addToLabels("app", name).endMetadata()
                .withNewSpec().withServiceAccountName(serviceAccount)
                .addNewContainer().withName("app").withImage("example/app:1").addNewPort().withContainerPort(8080)
                .endPort().endContainer()
                .endSpec()
                .build();
    }

    /** The same pod after the webhook injected it. */
    static Pod injected(String namespace, String name, String serviceAccount) {
        Pod pod = plain(namespace, name, serviceAccount);
        Injection injection = new PodMutator(InjectionSettings.DEFAULT).mutate(new PodInput(pod.getMetadata(),
                pod.getSpec(), PodInput.ENROLLED_NAMESPACE, Optional.empty()));
        if (!(injection instanceof Injection.Injected injected)) {
            throw new IllegalStateException("not injected: " + injection);
        }
        ObjectMeta metadata = injected.metadata();
        return new PodBuilder(pod).withMetadata(metadata).withSpec(injected.spec()).build();
    }
}
