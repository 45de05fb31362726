package io.gitmesh.ca.certmanager;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.gitmesh.model.SpiffeId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cert-manager's {@code CertificateRequest} (cert-manager.io/v1) as gitmesh writes it: {@code spec.request} the
 * base64 of the PEM CSR, {@code spec.issuerRef} from the settings, usages for a workload that is both client
 * and server, {@code spec.duration} the leaf's lifetime. Pure.
 */
final class CertificateRequests {
    static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup("cert-manager.io").withVersion("v1").withKind("CertificateRequest")
            .withPlural("certificaterequests").withNamespaced(true).build();
    static final String API_VERSION = "cert-manager.io/v1";
    /** ECDSA leaves sign; they never encipher keys (that usage is RSA key transport). */
    static final List<String> USAGES = List.of("digital signature", "client auth", "server auth");
    static final String SPIFFE_ID_ANNOTATION = "gitmesh.io/spiffe-id";
    private static final int MAX_GENERATE_NAME = 200;

    private CertificateRequests() {
    }

    static GenericKubernetesResource build(CertManagerSettings settings, SpiffeId identity, Duration lifetime,
            String csrPem) {
        Map<String, Object> issuerRef = new LinkedHashMap<>();
        issuerRef.put("name", settings.issuer().name());
        issuerRef.put("kind", settings.issuer().kind());
        issuerRef.put("group", settings.issuer().group());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("request", Base64.getEncoder().encodeToString(csrPem.getBytes(StandardCharsets.US_ASCII)));
        spec.put("issuerRef", issuerRef);
        spec.put("usages", USAGES);
        spec.put("duration", goDuration(lifetime));
        spec.put("isCA", false);
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION).withKind(CONTEXT.getKind())
                .withNewMetadata()
                .withNamespace(settings.namespace())
                .withGenerateName(generateName(identity))
                .addToLabels("app.kubernetes.io/managed-by", "gitmesh")
                .addToAnnotations(SPIFFE_ID_ANNOTATION, identity.uri())
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }

    /** A Go duration as cert-manager parses it, e.g. {@code 24h0m0s}; whole seconds. */
    static String goDuration(Duration lifetime) {
        if (lifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("cert-manager counts durations in whole seconds, not " + lifetime);
        }
        return lifetime.toHours() + "h" + lifetime.toMinutesPart() + "m" + lifetime.toSecondsPart() + "s";
    }

    private static String generateName(SpiffeId identity) {
        String name = "gitmesh-" + identity.namespace() + "-" + identity.serviceAccount();
        return (name.length() > MAX_GENERATE_NAME ? name.substring(0, MAX_GENERATE_NAME) : name)
                .replaceAll("[-.]+$", "") + "-";
    }
}
