package io.gitmesh.xds.translate.simulate;

import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.gitmesh.model.Endpoint;
import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.MeshPort;
import io.gitmesh.model.MeshService;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.translate.Meshes;
import io.gitmesh.xds.translate.ResourceNames;
import io.gitmesh.xds.translate.TranslateOptions;
import io.gitmesh.xds.translate.Translator;
import io.gitmesh.xds.translate.simulate.Outbound.Forwarded;
import io.gitmesh.xds.translate.simulate.Outbound.Share;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A whole mesh of simulated proxies of one flavour: every identity's config is translated, and a call is
 * walked from the caller's config to each destination identity's config. Kubernetes DNS is played from the
 * mesh's ClusterIPs; on the destination, a call arrives on the port the identity's workloads serve the
 * Service port on. gRPC callers are honest: they name themselves in {@link ResourceNames#CALLER_HEADER}
 * (which plaintext RBAC reads and mTLS ignores) unless the call already carries that header.
 */
public final class MeshSimulation {
    private record Backend(ServiceRef service, MeshPort port) {
    }

    private final Mesh mesh;
    private final Flavour flavour;
    private final SortedMap<Identity, ProxyConfig> configs = new TreeMap<>();
    private final Map<String, Backend> backendsByCluster = new HashMap<>();

    private MeshSimulation(Mesh mesh, Flavour flavour, TranslateOptions options) {
        this.mesh = mesh;
        this.flavour = flavour;
        Translator translator = new Translator();
        Meshes.groups(mesh, flavour).forEach((identity, group) ->
                configs.put(identity, translator.translate(mesh, group, options)));
        for (MeshService service : mesh.services().values()) {
            for (MeshPort port : service.ports()) {
                backendsByCluster.put(ResourceNames.cluster(service.ref(), port.port()), new Backend(service.ref(), port));
            }
        }
    }

    public static MeshSimulation envoy(Mesh mesh) {
        return new MeshSimulation(mesh, Flavour.ENVOY, TranslateOptions.defaults());
    }

    public static MeshSimulation grpc(Mesh mesh, TranslateOptions options) {
        return new MeshSimulation(mesh, Flavour.GRPC, options);
    }

    public ProxyConfig config(Identity identity) {
        return configs.get(identity);
    }

    public CallOutcome call(Call call) {
        Call sent = flavour == Flavour.GRPC && !call.headers().containsKey(ResourceNames.CALLER_HEADER)
                ? call.header(ResourceNames.CALLER_HEADER, spiffeId(call.source()))
                : call;
        Outbound outbound = switch (flavour) {
            case ENVOY -> new SidecarSimulator(configs.get(call.source())).outbound(sent, resolve(call));
            case GRPC -> new GrpcSimulator(configs.get(call.source())).client(sent);
        };
        Map<String, SortedMap<Identity, Verdict>> verdicts = new HashMap<>();
        if (outbound instanceof Forwarded forwarded) {
            for (Share share : forwarded.shares()) {
                if (share.weight() > 0) {
                    verdicts.put(share.cluster(), arrive(sent, share.cluster()));
                }
            }
        }
        return new CallOutcome(outbound, verdicts);
    }

    private SortedMap<Identity, Verdict> arrive(Call call, String cluster) {
        Backend backend = backendsByCluster.get(cluster);
        SortedMap<Identity, Verdict> verdicts = new TreeMap<>();
        for (Identity destination : mesh.service(backend.service()).orElseThrow().identities()) {
            Optional<Integer> port = mesh.inbound(destination).port(backend.service(), backend.port().port())
                    .flatMap(served -> served.targetPorts().stream().findFirst());
            verdicts.put(destination, port.isEmpty() ? new Verdict.Denied(destination + " serves no such port")
                    : arrive(call, cluster, destination, port.get()));
        }
        return verdicts;
    }

    private Verdict arrive(Call call, String cluster, Identity destination, int port) {
        ProxyConfig callerConfig = configs.get(call.source());
        return switch (flavour) {
            case ENVOY -> {
                SidecarSimulator caller = new SidecarSimulator(callerConfig);
                yield accepts(caller.acceptedPeers(cluster), destination)
                        ? new SidecarSimulator(configs.get(destination)).inbound(call, spiffeId(call.source()),
                                caller.sni(cluster), port)
                        : new Verdict.Denied("the caller refuses the certificate of " + destination);
            }
            case GRPC -> {
                GrpcSimulator caller = new GrpcSimulator(callerConfig);
                boolean tls = caller.usesTls(cluster);
                if (tls && !accepts(caller.acceptedPeers(cluster), destination)) {
                    yield new Verdict.Denied("the caller refuses the certificate of " + destination);
                }
                yield new GrpcSimulator(configs.get(destination))
                        .server(call, tls ? Optional.of(spiffeId(call.source())) : Optional.empty(), port);
            }
        };
    }

    private boolean accepts(List<StringMatcher> peers, Identity destination) {
        return peers.stream().anyMatch(matcher -> Matchers.matches(matcher, spiffeId(destination)));
    }

    /**
     * Kubernetes DNS for a Service ({@code name}, {@code name.ns}, {@code name.ns.svc[.cluster.local]}): its
     * ClusterIP, or for a headless Service the first address behind it; empty when the mesh has none.
     */
    private Optional<String> resolve(Call call) {
        String host = call.host().replaceFirst("\\.svc(\\.cluster\\.local)?$", "");
        String[] parts = host.split("\\.");
        ServiceRef ref = new ServiceRef(parts.length > 1 ? parts[1] : call.source().namespace(), parts[0]);
        return mesh.service(ref).flatMap(service -> switch (service.clusterIp()) {
            case "" -> Optional.empty();
            case "None" -> service.ports().stream().flatMap(p -> p.endpoints().stream()).map(Endpoint::address)
                    .findFirst();
            default -> Optional.of(service.clusterIp());
        });
    }

    private String spiffeId(Identity identity) {
        return mesh.spiffeId(identity).uri();
    }
}
