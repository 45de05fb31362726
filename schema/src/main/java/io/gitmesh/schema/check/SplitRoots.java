package io.gitmesh.schema.check;

import io.gitmesh.schema.policy.TrafficSplit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TrafficSplits of each root service, in resource order: the first one is the root's split, any
 * other is an error ({@link SplitChecks#onePerRootService}). Splits come and go one by one.
 */
final class SplitRoots {
    private final Map<String, List<TrafficSplit>> byRoot = new HashMap<>();

    /** Adds the split after those of its root with a smaller or the same key. */
    void add(TrafficSplit split) {
        List<TrafficSplit> splits = byRoot.computeIfAbsent(rootOf(split), k -> new ArrayList<>(1));
        int at = splits.size();
        while (at > 0 && splits.get(at - 1).key().compareTo(split.key()) > 0) {
            at--;
        }
        splits.add(at, split);
    }

    void remove(TrafficSplit split) {
        String root = rootOf(split);
        List<TrafficSplit> splits = byRoot.get(root);
        if (splits != null && splits.removeIf(s -> s == split) && splits.isEmpty()) {
            byRoot.remove(root);
        }
    }

    /** The first split of the split's root service (the split itself when it is the only one). */
    TrafficSplit first(TrafficSplit split) {
        return byRoot.get(rootOf(split)).getFirst();
    }

    /** The splits of a root service ({@link #rootOf}), in resource order. */
    List<TrafficSplit> splits(String root) {
        return Collections.unmodifiableList(byRoot.getOrDefault(root, List.of()));
    }

    static String rootOf(TrafficSplit split) {
        return split.meta().namespace() + "/" + split.serviceName();
    }
}
