package io.gitmesh.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Service of the mesh.
 *
 * @param clusterIp  as in the Service ({@code None} for headless Services), empty when unset
 * @param identities the identities of the workloads behind the Service
 * @param ports      sorted by port number
 */
public record MeshService(ServiceRef ref, String clusterIp, List<Identity> identities, List<MeshPort> ports) {
    public MeshService {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(clusterIp, "clusterIp");
        identities = Values.sortedSet(identities);
        ports = Values.sortedSet(ports);
    }

    /** The port with this number (the first one, should a Service use it for TCP and UDP). */
    public Optional<MeshPort> port(int number) {
        return ports.stream().filter(p -> p.port() == number).findFirst();
    }
}
