package io.gitmesh.reconciler.kube;

import io.gitmesh.schema.ResourceKey;
import io.gitmesh.schema.kube.KubeNamespace;
import io.gitmesh.schema.kube.KubeObject;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What gitmesh knows of the cluster: the records of the watched objects by key. {@link #put} and
 * {@link #remove} say whether the mesh's view changed: an object equal to the stored one (a resync, a
 * relist after a watch reconnect, a change to a field gitmesh does not read) changes nothing, and
 * neither does an object in a namespace that is not enrolled. {@link #enrolled} holds the enrolled
 * namespaces and their objects, sorted by key: the same cluster gives the same list.
 */
final class ClusterCache {
    private final String enrolmentLabel;
    private final String enrolmentValue;
    private final ConcurrentSkipListMap<ResourceKey, KubeObject> objects = new ConcurrentSkipListMap<>();
    private final Set<String> enrolledNamespaces = ConcurrentHashMap.newKeySet();

    ClusterCache(String enrolmentLabel, String enrolmentValue) {
        this.enrolmentLabel = Objects.requireNonNull(enrolmentLabel, "enrolmentLabel");
        this.enrolmentValue = Objects.requireNonNull(enrolmentValue, "enrolmentValue");
    }

    /**
     * Stores {@code object}; true when the mesh's view changed. An object equal to the stored one keeps
     * the stored instance, so an unchanged cluster is made of the same instances (the compiler reuses
     * its last cluster state by identity).
     */
    boolean put(KubeObject object) {
        KubeObject before = objects.get(object.key());
        if (object.equals(before)) {
            return false;
        }
        objects.put(object.key(), object);
        if (object instanceof KubeNamespace namespace) {
            boolean enrolled = enrolmentValue.equals(namespace.meta().labels().get(enrolmentLabel));
            return enrolled ? enrolledNamespaces.add(namespace.meta().name()) || before != null
                    : enrolledNamespaces.remove(namespace.meta().name());
        }
        return inMesh(object);
    }

    /** Forgets the object under {@code key}; true when the mesh's view changed. */
    boolean remove(ResourceKey key) {
        KubeObject removed = objects.remove(key);
        if (removed instanceof KubeNamespace namespace) {
            return enrolledNamespaces.remove(namespace.meta().name());
        }
        return removed != null && inMesh(removed);
    }

    /** The enrolled namespaces and the objects in them, sorted by key. */
    List<KubeObject> enrolled() {
        return objects.values().stream().filter(this::inMesh).toList();
    }

    private boolean inMesh(KubeObject object) {
        String namespace = object instanceof KubeNamespace ? object.meta().name() : object.meta().namespace();
        return enrolledNamespaces.contains(namespace);
    }
}
