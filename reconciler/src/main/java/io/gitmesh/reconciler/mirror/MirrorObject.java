package io.gitmesh.reconciler.mirror;

import io.gitmesh.schema.ResourceKey;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * An SMI object as far as the mirror cares: what git says it should be, or what the cluster holds.
 * Status, managed fields and the rest of the server's metadata are not part of it.
 *
 * @param apiVersion  {@code group/version}
 * @param labels      sorted by key
 * @param annotations sorted by key
 * @param spec        the object's {@code spec}, an empty object when it has none; never modified
 */
public record MirrorObject(ResourceKey key, String apiVersion, Map<String, String> labels,
        Map<String, String> annotations, JsonNode spec) {
    public MirrorObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(apiVersion, "apiVersion");
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
        spec = spec.deepCopy();
    }

    @Override
    public JsonNode spec() {
        return spec.deepCopy();
    }

    /** Whether gitmesh owns this object: it carries the ownership label. */
    public boolean owned() {
        return MirrorLabels.MANAGED_BY_VALUE.equals(labels.get(MirrorLabels.MANAGED_BY));
    }

    /** The commit gitmesh wrote this object from, from its source annotation; empty when it has none. */
    public String sourceCommit() {
        return annotations.getOrDefault(MirrorLabels.SOURCE_COMMIT, "");
    }

    public MirrorObject withSpec(JsonNode newSpec) {
        return new MirrorObject(key, apiVersion, labels, annotations, newSpec);
    }
}
