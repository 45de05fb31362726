package io.gitmesh.bench.mesh;

import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.controlplane.cache.VersionedResource;
import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How big translated configs are: resources and serialized bytes (each resource's protobuf size, as
 * packed into a response without the {@code Any} wrapper), per group and in total, and how much of it is
 * the same resource sent to several groups.
 *
 * @param groups           how many groups
 * @param resources        resources per type, summed over groups
 * @param bytes            bytes per type, summed over groups
 * @param maxGroupBytes    the largest group's bytes
 * @param outboundServices Services the groups' identities may reach, summed over groups
 * @param distinct         resources that differ by type, name or content, over all groups
 * @param distinctBytes    their bytes
 */
public record ConfigFigures(int groups, Map<ResourceType, Long> resources, Map<ResourceType, Long> bytes,
        long maxGroupBytes, long outboundServices, long distinct, long distinctBytes) {
    /** The types that carry the mesh: secrets are named by translation, not built. */
    private static final List<ResourceType> TYPES = List.of(ResourceType.CLUSTER, ResourceType.ENDPOINT,
            ResourceType.LISTENER, ResourceType.ROUTE);

    public ConfigFigures {
        resources = Map.copyOf(resources);
        bytes = Map.copyOf(bytes);
    }

    public static ConfigFigures of(Mesh mesh, Map<SnapshotGroup, ProxyConfig> configs) {
        Map<ResourceType, Long> resources = new EnumMap<>(ResourceType.class);
        Map<ResourceType, Long> bytes = new EnumMap<>(ResourceType.class);
        Map<String, Integer> distinct = new HashMap<>();
        long maxGroupBytes = 0;
        long outboundServices = 0;
        for (Map.Entry<SnapshotGroup, ProxyConfig> entry : configs.entrySet()) {
            long groupBytes = 0;
            for (ResourceType type : TYPES) {
                for (VersionedResource<? extends Message> resource : entry.getValue().resources(type).resources().values()) {
                    int size = resource.resource().getSerializedSize();
                    resources.merge(type, 1L, Long::sum);
                    bytes.merge(type, (long) size, Long::sum);
                    groupBytes += size;
                    distinct.put(type + "/" + Resources.getResourceName(resource.resource()) + "/" + resource.version(),
                            size);
                }
            }
            maxGroupBytes = Math.max(maxGroupBytes, groupBytes);
            SnapshotGroup group = entry.getKey();
            outboundServices += mesh.outbound(new Identity(group.namespace(), group.serviceAccount())).services().size();
        }
        long distinctBytes = distinct.values().stream().mapToLong(Integer::longValue).sum();
        return new ConfigFigures(configs.size(), resources, bytes, maxGroupBytes, outboundServices, distinct.size(),
                distinctBytes);
    }

    public long totalBytes() {
        return bytes.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalResources() {
        return resources.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The report, a line each. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("groups %d, reachable services per group %.1f".formatted(groups, (double) outboundServices / groups));
        for (ResourceType type : TYPES) {
            long count = resources.getOrDefault(type, 0L);
            long size = bytes.getOrDefault(type, 0L);
            lines.add("  %-9s per group %6.1f resources, %9s (%s per resource)".formatted(
                    type.name().toLowerCase(), (double) count / groups, kib(size / groups),
                    count == 0 ? "-" : kib(size / count)));
        }
        lines.add("  total     per group %6.1f resources, %9s; largest group %s".formatted(
                (double) totalResources() / groups, kib(totalBytes() / groups), kib(maxGroupBytes)));
        long serviceBytes = totalBytes() - bytes.getOrDefault(ResourceType.LISTENER, 0L);
        lines.add("  clusters + endpoints + routes per reachable service: %s (performance.md: ~1.7 KB for a cluster,"
                .formatted(kib(serviceBytes / Math.max(1, outboundServices))) + " 3 endpoints and a virtual host)");
        lines.add("  all groups: %d resources, %s; distinct by content: %d resources, %s".formatted(
                totalResources(), kib(totalBytes()), distinct, kib(distinctBytes)));
        return lines;
    }

    private static String kib(long bytes) {
        return bytes < 10_000 ? bytes + " B" : bytes < 10_000_000 ? (bytes / 1024) + " KiB" : (bytes >> 20) + " MiB";
    }
}
