package io.gitmesh.model.simulate;

import io.gitmesh.model.Identity;
import io.gitmesh.model.InboundPort;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.Permission;
import io.gitmesh.model.WeightedBackend;
import java.util.Optional;

/**
 * Whether a backend's workloads admit a call that a split sends them. The traffic lands on the
 * backend's pods, and there each identity's inbound rules admit or refuse it (see
 * {@code MeshCompiler}): a caller allowed on a split root may still be refused by a backend that no
 * TrafficTarget opens to it.
 */
final class BackendAdmission {
    private BackendAdmission() {
    }

    /** Why the backend refuses the call; empty when every identity behind it admits it. */
    static Optional<String> refusal(Mesh mesh, Call call, WeightedBackend backend) {
        if (backend.identities().isEmpty()) {
            return Optional.of("no workload serves it");
        }
        for (Identity identity : backend.identities()) {
            Optional<InboundPort> port = mesh.inbound(identity).port(backend.service(), backend.port());
            if (port.isEmpty()) {
                return Optional.of("the workloads running as " + identity + " do not serve port " + backend.port());
            }
            Optional<Permission> permission = port.get().admission().permission(call.source());
            if (permission.isEmpty()) {
                return Optional.of("no TrafficTarget lets " + call.source() + " reach " + identity);
            }
            if (!RequestMatching.permits(permission.get(), call)) {
                return Optional.of(identity + " admits " + call.source()
                        + " only for requests this one does not match");
            }
        }
        return Optional.empty();
    }
}
