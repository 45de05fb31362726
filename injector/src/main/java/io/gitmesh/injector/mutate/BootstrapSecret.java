package io.gitmesh.injector.mutate;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The name of the per-pod Secret the proxy's bootstrap volume mounts (DESIGN.md §4). The Secret
 * controller creates that Secret — {@code bootstrap.json}, {@code cert.pem}, {@code key.pem},
 * {@code ca.pem} — owned by the pod, reading its name from the pod's {@value SidecarLayout#BOOTSTRAP_VOLUME}
 * volume; the kubelet holds the pod until it exists.
 * <ul>
 *   <li>A named pod: {@code gitmesh-sidecar-<pod name>}.</li>
 *   <li>A pod the API server will name from {@code generateName} (every pod of a Deployment, Job, ...):
 *       at admission it has no name yet, so the name is {@code gitmesh-sidecar-<generateName><h>}, where
 *       {@code h} is the first 10 hex digits of the SHA-256 of the AdmissionRequest's uid, which the API
 *       server makes unique per request.</li>
 *   <li>Neither (a workload template injected offline by {@code gitmesh inject}): the placeholder
 *       {@value #PENDING}; the webhook binds it to the pod's own Secret when the pod is created.</li>
 * </ul>
 * A name longer than Kubernetes' 253 characters is cut and ends in 10 hex digits of the SHA-256 of what
 * was cut, so distinct pods keep distinct Secrets.
 */
public final class BootstrapSecret {
    public static final String PREFIX = "gitmesh-sidecar-";
    /** The placeholder: no pod's Secret can have this name, since theirs all start with {@link #PREFIX}. */
    public static final String PENDING = "gitmesh-bootstrap-pending";
    private static final int MAX_NAME = 253;
    private static final int HASH_DIGITS = 10;

    private BootstrapSecret() {
    }

    /**
     * The Secret for a pod with this metadata; empty when it cannot be named yet (no name and no
     * admission request).
     */
    public static Optional<String> nameFor(ObjectMeta metadata, Optional<String> admissionUid) {
        if (present(metadata.getName())) {
            return Optional.of(fit(PREFIX + metadata.getName()));
        }
        String generateName = present(metadata.getGenerateName()) ? metadata.getGenerateName() : "";
        return admissionUid.map(uid -> fit(PREFIX + generateName + sha256Hex(uid).substring(0, HASH_DIGITS)));
    }

    private static String fit(String name) {
        if (name.length() <= MAX_NAME) {
            return name;
        }
        String kept = name.substring(0, MAX_NAME - HASH_DIGITS - 1).replaceAll("[-.]+$", "");
        return kept + "-" + sha256Hex(name).substring(0, HASH_DIGITS);
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
