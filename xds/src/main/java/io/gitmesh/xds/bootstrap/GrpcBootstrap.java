package io.gitmesh.xds.bootstrap;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.gitmesh.xds.NodeMetadata;
import io.gitmesh.xds.translate.ResourceNames;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The bootstrap file of a proxyless gRPC client or server ({@code GRPC_XDS_BOOTSTRAP}): the xDS
 * server, the node, the server listener name template, and — with certificates — the
 * {@code file_watcher} certificate provider the translated TLS contexts name, and mTLS to the xDS
 * server (gRFC A65 {@code tls} channel credentials). Pure; deterministic output.
 */
public final class GrpcBootstrap {
    /** How often grpc-java re-reads the certificate files, so a renewed certificate is picked up. */
    public static final Duration FILE_REFRESH = Duration.ofSeconds(60);
    private static final String REFRESH_INTERVAL = FILE_REFRESH.toSeconds() + "s";

    private GrpcBootstrap() {
    }

    public static String json(BootstrapSpec spec) {
        JsonObject root = new JsonObject();
        JsonObject server = new JsonObject();
        server.addProperty("server_uri", spec.xdsHost() + ":" + spec.xdsPort());
        JsonArray creds = new JsonArray();
        JsonObject cred = new JsonObject();
        if (spec.insecure()) {
            cred.addProperty("type", "insecure");
        } else {
            cred.addProperty("type", "tls");
            JsonObject config = new JsonObject();
            config.addProperty("ca_certificate_file", spec.certificateFile(BootstrapSpec.CA_FILE).orElseThrow());
            config.addProperty("certificate_file", spec.certificateFile(BootstrapSpec.CERT_FILE).orElseThrow());
            config.addProperty("private_key_file", spec.certificateFile(BootstrapSpec.KEY_FILE).orElseThrow());
            config.addProperty("refresh_interval", REFRESH_INTERVAL);
            cred.add("config", config);
        }
        creds.add(cred);
        server.add("channel_creds", creds);
        JsonArray features = new JsonArray();
        features.add("xds_v3");
        server.add("server_features", features);
        JsonArray servers = new JsonArray();
        servers.add(server);
        root.add("xds_servers", servers);
        root.add("node", node(spec));
        root.addProperty("server_listener_resource_name_template", ResourceNames.grpcServerListenerTemplate());
        spec.certificates().ifPresent(dir -> root.add("certificate_providers", providers(spec)));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    private static JsonObject node(BootstrapSpec spec) {
        JsonObject node = new JsonObject();
        node.addProperty("id", spec.nodeId());
        node.addProperty("cluster", spec.identity().namespace());
        JsonObject metadata = new JsonObject();
        metadata.addProperty(NodeMetadata.NAMESPACE, spec.identity().namespace());
        metadata.addProperty(NodeMetadata.SERVICE_ACCOUNT, spec.identity().serviceAccount());
        metadata.addProperty(NodeMetadata.FLAVOUR, spec.flavour().wireName());
        if (!spec.ports().isEmpty()) {
            metadata.addProperty(NodeMetadata.PORTS, spec.ports().stream().sorted().distinct()
                    .map(String::valueOf).collect(Collectors.joining(",")));
        }
        node.add("metadata", metadata);
        JsonObject locality = new JsonObject();
        locality.addProperty("zone", "");
        node.add("locality", locality);
        return node;
    }

    private static JsonObject providers(BootstrapSpec spec) {
        JsonObject config = new JsonObject();
        config.addProperty("certificate_file", spec.certificateFile(BootstrapSpec.CERT_FILE).orElseThrow());
        config.addProperty("private_key_file", spec.certificateFile(BootstrapSpec.KEY_FILE).orElseThrow());
        config.addProperty("ca_certificate_file", spec.certificateFile(BootstrapSpec.CA_FILE).orElseThrow());
        config.addProperty("refresh_interval", REFRESH_INTERVAL);
        JsonObject provider = new JsonObject();
        provider.addProperty("plugin_name", "file_watcher");
        provider.add("config", config);
        JsonObject providers = new JsonObject();
        providers.add(ResourceNames.CERTIFICATE_PROVIDER_INSTANCE, provider);
        return providers;
    }
}
