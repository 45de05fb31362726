package io.gitmesh.ca.certmanager;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a {@code CertificateRequest} stands, read from its status as cert-manager writes it: signed
 * ({@code Ready=True} and {@code status.certificate}), refused ({@code Denied=True}, {@code InvalidRequest=True},
 * or {@code Ready=False} with reason {@code Failed} or {@code Denied}), or still pending. Pure.
 */
sealed interface RequestOutcome {
    /** Not decided yet: not approved, or not signed yet. */
    record Pending() implements RequestOutcome {
    }

    /**
     * @param certificate  {@code status.certificate} as sent: base64 of the PEM leaf and its intermediates
     * @param ca           {@code status.ca} as sent: base64 of the PEM CA, when the issuer tells it
     */
    record Signed(String certificate, Optional<String> ca) implements RequestOutcome {
    }

    /** cert-manager or an approver said no; the condition, reason and message say why. */
    record Refused(String condition, String reason, String message) implements RequestOutcome {
    }

    /** The request was deleted while gitmesh waited for it. */
    record Deleted() implements RequestOutcome {
    }

    static RequestOutcome of(GenericKubernetesResource request) {
        if (request == null) {
            return new Deleted();
        }
        Map<?, ?> status = request.getAdditionalProperties().get("status") instanceof Map<?, ?> map ? map : Map.of();
        List<?> conditions = status.get("conditions") instanceof List<?> list ? list : List.of();
        for (String refusal : List.of("Denied", "InvalidRequest")) {
            Optional<Map<?, ?>> condition = condition(conditions, refusal);
            if (condition.filter(c -> "True".equals(c.get("status"))).isPresent()) {
                return refused(condition.get());
            }
        }
        Optional<Map<?, ?>> ready = condition(conditions, "Ready");
        if (ready.filter(c -> "True".equals(c.get("status"))).isPresent()
                && status.get("certificate") instanceof String certificate && !certificate.isEmpty()) {
            return new Signed(certificate, Optional.ofNullable(status.get("ca")).map(String::valueOf)
                    .filter(ca -> !ca.isEmpty()));
        }
        if (ready.filter(c -> "False".equals(c.get("status"))
                && ("Failed".equals(c.get("reason")) || "Denied".equals(c.get("reason")))).isPresent()) {
            return refused(ready.get());
        }
        return new Pending();
    }

    private static Optional<Map<?, ?>> condition(List<?> conditions, String type) {
        return conditions.stream()
                .filter(c -> c instanceof Map<?, ?> map && type.equals(map.get("type")))
                .<Map<?, ?>>map(c -> (Map<?, ?>) c)
                .findFirst();
    }

    private static Refused refused(Map<?, ?> condition) {
        return new Refused(String.valueOf(condition.get("type")), text(condition.get("reason")),
                text(condition.get("message")));
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
