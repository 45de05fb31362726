package io.gitmesh.model.cluster;

import io.gitmesh.model.Values;
import java.util.Map;

/** A namespace and its labels (sorted; none for a namespace only implied by the objects in it). */
public record Namespace(String name, Map<String, String> labels) {
    public Namespace {
        Values.requireText(name, "name");
        labels = Values.sortedMap(labels);
    }
}
