package io.gitmesh.xds.server;

import io.gitmesh.xds.SnapshotGroup;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a publish did.
 *
 * @param version content hash of the whole desired state that was applied (groups and their config versions)
 * @param groups  how many groups the desired state held
 * @param changed groups whose config changed (new ones included), sorted
 * @param dropped groups no longer in the desired state, sorted
 * @param refused groups whose new config failed the consistency check, with its problems; they keep
 *                the config they had
 */
public record PublishResult(String version, int groups, List<SnapshotGroup> changed, List<SnapshotGroup> dropped,
        SortedMap<SnapshotGroup, List<String>> refused) {
    public PublishResult {
        Objects.requireNonNull(version, "version");
        changed = changed.stream().sorted().toList();
        dropped = dropped.stream().sorted().toList();
        refused = copy(refused);
    }

    private static SortedMap<SnapshotGroup, List<String>> copy(Map<SnapshotGroup, List<String>> refused) {
        SortedMap<SnapshotGroup, List<String>> copy = new TreeMap<>();
        refused.forEach((group, problems) -> copy.put(group, List.copyOf(problems)));
        return Collections.unmodifiableSortedMap(copy);
    }
}
