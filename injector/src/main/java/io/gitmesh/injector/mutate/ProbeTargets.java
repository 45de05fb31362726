package io.gitmesh.injector.mutate;

import io.gitmesh.injector.KubernetesJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link Annotations#PROBES} annotation: a JSON object from {@code container/kind} to the original
 * target, sorted by key, e.g.
 * <pre>{@code
 * {"app/liveness":{"scheme":"HTTP","port":8080,"path":"/healthz"},
 *  "app/readiness":{"scheme":"TCP","port":8080,"periodSeconds":10,"timeoutSeconds":1}}
 * }</pre>
 * {@code scheme} is {@code HTTP}, {@code HTTPS} or {@code TCP}. The injector writes it; the Secret
 * controller reads it back to build the pod's probe listeners ({@code SidecarBootstrap}).
 */
public final class ProbeTargets {
    private static final Comparator<ProbeTarget> ORDER = Comparator.comparing(ProbeTarget::key);

    private ProbeTargets() {
    }

    public static String toJson(List<ProbeTarget> targets) {
        ObjectNode root = KubernetesJson.MAPPER.createObjectNode();
        targets.stream().sorted(ORDER).forEach(target -> {
            ObjectNode entry = root.putObject(target.key());
            switch (target) {
                case ProbeTarget.Http http -> entry.put("scheme", http.tls() ? "HTTPS" : "HTTP")
                        .put("port", http.port()).put("path", http.path());
                case ProbeTarget.Tcp tcp -> entry.put("scheme", "TCP").put("port", tcp.port())
                        .put("periodSeconds", tcp.periodSeconds()).put("timeoutSeconds", tcp.timeoutSeconds());
            }
        });
        return KubernetesJson.MAPPER.writeValueAsString(root);
    }

    /**
     * The targets an annotation names, sorted by key.
     *
     * @throws IllegalArgumentException saying what is wrong, if the text is not such an annotation
     */
    public static List<ProbeTarget> parse(String json) {
        JsonNode root;
        try {
            root = KubernetesJson.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(Annotations.PROBES + " is not JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(Annotations.PROBES + " must be a JSON object");
        }
        List<ProbeTarget> targets = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            targets.add(target(entry.getKey(), entry.getValue()));
        }
        targets.sort(ORDER);
        return List.copyOf(targets);
    }

    private static ProbeTarget target(String key, JsonNode entry) {
        int slash = key.lastIndexOf('/');
        ProbeKind kind = ProbeKind.fromWireName(key.substring(slash + 1)).filter(k -> slash > 0)
                .orElseThrow(() -> bad(key, "the key is not container/liveness, /readiness or /startup"));
        String container = key.substring(0, slash);
        int port = integer(key, entry, "port");
        return switch (entry.path("scheme").asString("")) {
            case "HTTP", "HTTPS" -> new ProbeTarget.Http(container, kind, entry.path("scheme").asString().equals("HTTPS"),
                    port, text(key, entry, "path"));
            case "TCP" -> new ProbeTarget.Tcp(container, kind, port, integer(key, entry, "periodSeconds"),
                    integer(key, entry, "timeoutSeconds"));
            default -> throw bad(key, "scheme must be HTTP, HTTPS or TCP");
        };
    }

    private static int integer(String key, JsonNode entry, String field) {
        JsonNode value = entry.path(field);
        if (!value.isInt()) {
            throw bad(key, field + " must be an integer");
        }
        return value.intValue();
    }

    private static String text(String key, JsonNode entry, String field) {
        JsonNode value = entry.path(field);
        if (!value.isString()) {
            throw bad(key, field + " must be a string");
        }
        return value.asString();
    }

    private static IllegalArgumentException bad(String key, String problem) {
        return new IllegalArgumentException(Annotations.PROBES + " entry \"" + key + "\": " + problem);
    }
}
