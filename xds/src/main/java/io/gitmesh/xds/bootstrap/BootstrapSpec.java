package io.gitmesh.xds.bootstrap;

import io.gitmesh.model.Identity;
import io.gitmesh.xds.Flavour;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a bootstrap says: who the workload is (DESIGN.md §4: node id {@code <namespace>/<instance>},
 * metadata namespace, service account, flavour and optionally served ports), where the xDS server is,
 * and which certificate files to use.
 *
 * @param instance         the pod or instance name (the second half of the node id)
 * @param ports            served ports to declare in the node metadata; empty: let the server decide
 * @param certificates     directory with {@code cert.pem}, {@code key.pem}, {@code ca.pem} (what
 *                         {@code gitmesh ca issue} writes); empty only with {@code insecure}
 * @param insecure         plaintext to the xDS server and no workload certificates: loopback development only
 */
public record BootstrapSpec(Identity identity, String instance, Flavour flavour, String xdsHost, int xdsPort,
        List<Integer> ports, Optional<String> certificates, boolean insecure) {
    public static final String CERT_FILE = "cert.pem";
    public static final String KEY_FILE = "key.pem";
    public static final String CA_FILE = "ca.pem";

    public BootstrapSpec {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(flavour, "flavour");
        Objects.requireNonNull(xdsHost, "xdsHost");
        if (xdsPort < 1 || xdsPort > 65_535) {
            throw new IllegalArgumentException("xDS port " + xdsPort + " is outside 1-65535");
        }
        ports = List.copyOf(ports);
        Objects.requireNonNull(certificates, "certificates");
        if (!insecure && certificates.isEmpty()) {
            throw new IllegalArgumentException("a bootstrap without --insecure needs certificate files");
        }
    }

    public String nodeId() {
        return identity.namespace() + "/" + instance;
    }

    /** {@code dir/file}, for the certificate files. */
    public Optional<String> certificateFile(String file) {
        return certificates.map(dir -> dir.endsWith("/") ? dir + file : dir + "/" + file);
    }
}
