package io.gitmesh.reconciler.mirror;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Fields of mirrored objects that another controller owns, per kind, as RFC 6901 pointers below
 * {@code /spec}, where a segment {@code *} stands for every member or element. The mirror leaves their
 * values in the cluster alone: an update carries the cluster's value over, and a difference there is
 * not drift. A new object starts with the value written in git.
 *
 * @param pointersByKind e.g. {@code TrafficSplit → [/spec/backends/*}{@code /weight]}
 */
public record FieldExclusions(Map<String, List<String>> pointersByKind) {
    public static final FieldExclusions NONE = new FieldExclusions(Map.of());

    /** TrafficSplit backend weights, which Flagger (or Argo Rollouts) moves during a canary. */
    public static final FieldExclusions PROGRESSIVE_DELIVERY = new FieldExclusions(
            Map.of(SmiKind.TRAFFIC_SPLIT.kind(), List.of("/spec/backends/*/weight")));

    public FieldExclusions {
        TreeMap<String, List<String>> copy = new TreeMap<>();
        pointersByKind.forEach((kind, pointers) -> {
            if (SmiKind.of(kind).isEmpty()) {
                throw new IllegalArgumentException("field exclusions for \"" + kind
                        + "\": not a kind gitmesh mirrors (use one of TrafficTarget, HTTPRouteGroup, TCPRoute, "
                        + "UDPRoute, TrafficSplit)");
            }
            pointers.forEach(p -> {
                if (!p.startsWith("/spec/")) {
                    throw new IllegalArgumentException("field exclusion \"" + p + "\" for " + kind
                            + ": a pointer must start with /spec/ (only spec fields can be left to another "
                            + "controller)");
                }
            });
            copy.put(kind, pointers.stream().sorted().distinct().toList());
        });
        pointersByKind = java.util.Collections.unmodifiableSortedMap(copy);
    }

    /** {@code desiredSpec} with the cluster's values at the excluded fields where both have a place for them. */
    public JsonNode carryOver(String kind, JsonNode desiredSpec, JsonNode actualSpec) {
        JsonNode result = desiredSpec.deepCopy();
        for (List<String> pattern : patterns(kind)) {
            for (List<String> path : JsonPaths.expand(actualSpec, pattern)) {
                JsonPaths.set(result, path, JsonPaths.at(actualSpec, path));
            }
        }
        return result;
    }

    /** {@code spec} without the excluded fields, for comparing. */
    public JsonNode strip(String kind, JsonNode spec) {
        JsonNode result = spec.deepCopy();
        for (List<String> pattern : patterns(kind)) {
            JsonPaths.expand(result, pattern).reversed().forEach(path -> JsonPaths.remove(result, path));
        }
        return result;
    }

    private List<List<String>> patterns(String kind) {
        return pointersByKind.getOrDefault(kind, List.of()).stream()
                .map(p -> JsonPaths.segments(p.substring("/spec".length()))).toList();
    }
}
