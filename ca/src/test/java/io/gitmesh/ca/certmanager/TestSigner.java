package io.gitmesh.ca.certmanager;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.gitmesh.ca.CertificateSigningRequest;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.Pem;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.model.Identity;
import io.gitmesh.model.SpiffeId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays cert-manager in tests: watches CertificateRequests and answers each new one as told — signs its CSR
 * with our Bouncy Castle CA (for the identity the CSR asks for, like cert-manager's CA issuer), denies it,
 * signs it for another identity, or never answers.
 */
final class TestSigner implements Watcher<GenericKubernetesResource>, AutoCloseable {
    enum Mode { SIGN, SIGN_WITHOUT_CA, DENY, FAIL, SIGN_FOR_ANOTHER_IDENTITY, IGNORE }

    private static final Pattern GO_DURATION = Pattern.compile("(\\d+)h(\\d+)m(\\d+)s");

    private final KubernetesClient client;
    private final BouncyCastleCertificateAuthority ca;
    private final Watch watch;
    private final List<GenericKubernetesResource> received = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.SIGN;

    TestSigner(KubernetesClient client, String namespace, BouncyCastleCertificateAuthority ca) {
        this.client = client;
        this.ca = ca;
        this.watch = client.genericKubernetesResources(CertificateRequests.CONTEXT).inNamespace(namespace).watch(this);
    }

    void answer(Mode newMode) {
        mode = newMode;
    }

    /** Every CertificateRequest seen created, as created. */
    List<GenericKubernetesResource> received() {
        return List.copyOf(received);
    }

    @Override
    public void eventReceived(Action action, GenericKubernetesResource request) {
        if (action != Action.ADDED) {
            return;
        }
        received.add(request);
        Map<String, Object> status = switch (mode) {
            case SIGN -> signed(request, false, true);
            case SIGN_WITHOUT_CA -> signed(request, false, false);
            case SIGN_FOR_ANOTHER_IDENTITY -> signed(request, true, true);
            case DENY -> status(List.of(condition("Denied", "True", "PolicyDenied", "identity not allowed"),
                    condition("Ready", "False", "Denied", "The CertificateRequest was denied by an approval controller")));
            case FAIL -> status(List.of(condition("Ready", "False", "Failed", "issuer not ready")));
            case IGNORE -> null;
        };
        if (status != null) {
            request.getAdditionalProperties().put("status", status);
            client.genericKubernetesResources(CertificateRequests.CONTEXT).inNamespace(request.getMetadata().getNamespace())
                    .resource(request).updateStatus();
        }
    }

    private Map<String, Object> signed(GenericKubernetesResource request, boolean anotherIdentity, boolean withCa) {
        Map<?, ?> spec = (Map<?, ?>) request.getAdditionalProperties().get("spec");
        CertificateSigningRequest csr = CertificateSigningRequest.fromPem(new String(
                Base64.getDecoder().decode((String) spec.get("request")), StandardCharsets.US_ASCII));
        WorkloadCsr.Requested asked = WorkloadCsr.read(csr);
        Identity identity = anotherIdentity ? new Identity("intruder", "intruder")
                : SpiffeId.parse(asked.uris().getFirst()).orElseThrow().identity();
        IssuedCertificate issued = ca.issue(new LeafRequest(identity, duration((String) spec.get("duration")),
                asked.dnsNames()), csr);
        Map<String, Object> status = status(List.of(condition("Approved", "True", "cert-manager.io", "approved"),
                condition("Ready", "True", "Issued", "Certificate fetched from issuer successfully")));
        status.put("certificate", base64(issued.certificateChainPem()));
        if (withCa) {
            status.put("ca", base64(Pem.certificates(List.of(issued.root()))));
        }
        return status;
    }

    private static Duration duration(String go) {
        Matcher matcher = GO_DURATION.matcher(go);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration gitmesh writes: " + go);
        }
        return Duration.ofHours(Long.parseLong(matcher.group(1))).plusMinutes(Long.parseLong(matcher.group(2)))
                .plusSeconds(Long.parseLong(matcher.group(3)));
    }

    private static Map<String, Object> status(List<Map<String, Object>> conditions) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", new ArrayList<>(conditions));
        return status;
    }

    private static Map<String, Object> condition(String type, String status, String reason, String message) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", status);
        condition.put("reason", reason);
        condition.put("message", message);
        return condition;
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void onClose(WatcherException cause) {
        // the test is over
    }

    @Override
    public void close() {
        watch.close();
    }
}
