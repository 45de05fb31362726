package io.gitmesh.app.run;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Arranging fabric8's CRUD API server for the {@code --cluster kube} tests. */
final class MockCluster {
    private MockCluster() {
    }

    /** Creates, or updates, every object of a multi-document YAML text. */
    static void apply(KubernetesClient client, String yaml) {
        for (HasMetadata object : client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                .items()) {
            client.resource(object).createOr(existing -> existing.update());
        }
    }

    /** The TrafficSplit CRD from shared/smi/crds, which teaches the mock server the resource. */
    static void createTrafficSplitCrd(KubernetesClient client) {
        Path crd = Path.of(System.getProperty("gitmesh.shared"), "smi", "crds", "split.yaml");
        try (InputStream in = Files.newInputStream(crd)) {
            client.apiextensions().v1().customResourceDefinitions().resource(client.getKubernetesSerialization()
                    .unmarshal(in, CustomResourceDefinition.class)).createOr(existing -> existing.update());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
