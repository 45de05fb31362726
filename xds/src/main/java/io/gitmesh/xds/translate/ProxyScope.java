package io.gitmesh.xds.translate;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.MeshService;
import io.gitmesh.model.OutboundPort;
import io.gitmesh.model.Protocol;
import io.gitmesh.model.ServiceRef;
import io.gitmesh.xds.SnapshotGroup;
import java.util.List;

/**
 * What one snapshot group's proxies handle: the Service ports their identity may reach (UDP left out:
 * neither flavour proxies it) and the ports they serve.
 *
 * @param outbound sorted by service, then port
 * @param served   sorted by service, then port, then target port
 */
record ProxyScope(Mesh mesh, Identity identity, List<OutboundPort> outbound, List<ServedPort> served,
        TranslateOptions options) {

    ProxyScope {
        outbound = List.copyOf(outbound);
        served = List.copyOf(served);
    }

    /**
     * The scope of the group: what the mesh lets its identity reach, and the Service ports its workloads
     * serve on one of the group's ports (a group without ports serves nothing).
     */
    static ProxyScope of(Mesh mesh, SnapshotGroup group, TranslateOptions options) {
        Identity identity = new Identity(group.namespace(), group.serviceAccount());
        List<OutboundPort> outbound = mesh.outbound(identity).ports().stream()
                .filter(port -> port.protocol() != Protocol.UDP)
                .toList();
        List<ServedPort> served = mesh.inbound(identity).ports().stream()
                .filter(port -> port.port().protocol() != Protocol.UDP)
                .flatMap(port -> port.targetPorts().stream()
                        .filter(group.ports()::contains)
                        .map(target -> new ServedPort(port, target)))
                .toList();
        return new ProxyScope(mesh, identity, outbound, served, options);
    }

    String trustDomain() {
        return mesh.trustDomain();
    }

    /** The Service of an outbound or served port: the mesh has every Service its ports name. */
    MeshService service(ServiceRef ref) {
        return mesh.service(ref).orElseThrow(() -> new IllegalStateException("the mesh lacks service " + ref));
    }
}
