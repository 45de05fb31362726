package io.gitmesh.app.deploy;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** fabric8's mock API server in CRUD mode (it stores what it is sent), over plain HTTP on loopback. */
final class CrudApiServer {
    /** The mock server logs each request at INFO; the tests read the recorded requests instead. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    private CrudApiServer() {
    }

    /**
     * A second client of {@code server}, like {@code client}, whose requests {@link KubeApiCallLog#drain}
     * leaves out: for a test's set-up and checks.
     */
    static KubernetesClient setUpClient(KubernetesMockServer server, KubernetesClient client) {
        return server.createClient(builder -> builder.withConfig(new ConfigBuilder(client.getConfiguration())
                .addToCustomHeaders(KubeApiCallLog.SET_UP_HEADER, "true").build()));
    }

    /** A started server; {@link KubernetesMockServer#destroy()} stops it. */
    static KubernetesMockServer start() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        return server;
    }
}
