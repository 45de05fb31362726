package io.gitmesh.app.run;

import io.gitmesh.ca.rotation.ReplicaQuorum;
import io.gitmesh.ca.store.CaStore;
import io.gitmesh.ca.store.FileCaStore;
import io.gitmesh.ca.store.KubernetesSecretCaStore;
import io.gitmesh.injector.secrets.BootstrapSecretController;
import io.gitmesh.injector.secrets.SecretControllerSettings;
import io.gitmesh.injector.webhook.CaBundlePublisher;
import io.gitmesh.injector.webhook.KubernetesCaBundlePublisher;
import io.gitmesh.xds.secrets.SigningAuthority;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the CA's parts of {@code gitmesh run} live, by cluster source: the CA store, where the injector's
 * CA bundle goes, and the controller of the injected pods' bootstrap Secrets.
 */
final class CaWiring {
    private static final Logger LOG = LoggerFactory.getLogger(CaWiring.class);
    /** How many check intervals a replica's root rotation report stays fresh. */
    private static final int REPORT_FRESH_CHECKS = 3;

    private CaWiring() {
    }

    /** The Secret {@code caSecret} in gitmesh's namespace with {@code --cluster kube}, else the CA directory. */
    static CaStore store(XdsSecurity.MutualTls secured, ClusterSource cluster) {
        return switch (cluster) {
            case ClusterSource.Kubernetes kube -> new KubernetesSecretCaStore(kube.client(), kube.settings().namespace(),
                    kube.settings().caSecret());
            case ClusterSource.Files files -> new FileCaStore(secured.caDirectory());
        };
    }

    /**
     * With {@code --cluster kube}, the replicas sharing the CA Secret, whose reports stay fresh for three check
     * intervals; else the control plane is alone.
     */
    static RotationPeers rotationPeers(ClusterSource cluster, BooleanSupplier leading, Duration checkInterval,
            Clock clock) {
        return switch (cluster) {
            case ClusterSource.Kubernetes kube -> new RotationPeers.Replicas(kube.settings().replica(), leading,
                    new SecretRotationReports(kube.client(), kube.settings().namespace(), kube.settings().caSecret()),
                    new ReplicaQuorum(checkInterval.multipliedBy(REPORT_FRESH_CHECKS)), clock);
            case ClusterSource.Files files -> new RotationPeers.Alone();
        };
    }

    /** With {@code --cluster kube}, the CA bundle goes into the MutatingWebhookConfiguration; else it is only logged. */
    static CaBundlePublisher caBundlePublisher(ControlPlane.Injector injector, ClusterSource cluster) {
        return switch (cluster) {
            case ClusterSource.Kubernetes kube -> new KubernetesCaBundlePublisher(kube.client(),
                    injector.webhookConfiguration(), injector.webhooks());
            case ClusterSource.Files files -> bundle -> LOG.info("no cluster: the injector's CA bundle is not "
                    + "published; give the MutatingWebhookConfiguration the CA's root ({} bytes of PEM)", bundle.length());
        };
    }

    /**
     * Makes the controller of the injected pods' bootstrap Secrets (when this replica starts writing): their
     * sidecars dial the xDS server by the name its certificate carries ({@code --xds-server-name}) on the
     * served port, and it issues from the authority of the root rotation's stage at that moment.
     */
    static Supplier<BootstrapSecretController> bootstrapSecrets(ClusterSource.Kubernetes kube,
            XdsSecurity.MutualTls secured, Supplier<SigningAuthority> authority, IntSupplier xdsPort, Clock clock) {
        return () -> {
            SigningAuthority now = authority.get();
            BootstrapSecretController controller = new BootstrapSecretController(kube.client(), now.authority(),
                    SecretControllerSettings.of(secured.serverName(), xdsPort.getAsInt()), clock,
                    new SplittableRandom());
            // its signing root, so that in stage 2 a certificate of the old root is renewed when first seen
            controller.useAuthority(now.authority(), now.signingRoot());
            return controller;
        };
    }
}
