package io.gitmesh.reconciler.mirror;

import io.gitmesh.reconciler.mirror.MirrorSettings.DriftMode;
import io.gitmesh.schema.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides, from what git wants and what the cluster holds, what to create, update and prune and what
 * is drift. Pure: values in, a plan out.
 *
 * <p>An object differs from git either because git moved (the cluster copy carries an older source
 * commit: an update) or because someone changed the cluster (it carries the current commit, or it
 * was written for the current commit and is gone: drift, corrected or only reported by mode).
 * Only the labels and annotations gitmesh writes are compared; others that tools add are kept.
 * An object with the same key that gitmesh never wrote (no ownership label, no source annotation)
 * is left alone and reported.
 */
public final class MirrorDecision {
    private final MirrorSettings settings;

    public MirrorDecision(MirrorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param desired       what the applied revision wants
     * @param actual        the SMI objects in the cluster (any owner)
     * @param writtenCommit the commit whose objects the mirror last wrote completely ("" for none): an
     *                      object of that commit missing from the cluster was deleted there
     */
    public MirrorPlan decide(DesiredState desired, List<MirrorObject> actual, String writtenCommit) {
        Map<ResourceKey, MirrorObject> wanted = byKey(desired.objects());
        Map<ResourceKey, MirrorObject> present = byKey(actual);
        TreeSet<ResourceKey> keys = new TreeSet<>(wanted.keySet());
        keys.addAll(present.keySet());
        List<MirrorObject> creates = new ArrayList<>();
        List<MirrorPlan.Update> updates = new ArrayList<>();
        List<ResourceKey> deletes = new ArrayList<>();
        List<Drift> drift = new ArrayList<>();
        List<Notice> notices = new ArrayList<>(desired.notices());
        boolean correct = settings.drift() == DriftMode.CORRECT;
        for (ResourceKey key : keys) {
            MirrorObject want = wanted.get(key);
            MirrorObject have = present.get(key);
            if (want == null) {
                if (have.owned() && !desired.held().contains(key)) {
                    deletes.add(key);
                }
            } else if (have == null) {
                boolean deletedThere = desired.commit().equals(writtenCommit);
                if (deletedThere) {
                    drift.add(new Drift(key, Drift.Change.DELETED, List.of(), correct));
                }
                if (!deletedThere || correct) {
                    creates.add(want);
                }
            } else if (!have.owned() && have.sourceCommit().isEmpty()) {
                notices.add(new Notice(key.toString(), "exists in the cluster and is not managed by gitmesh (no label "
                        + MirrorLabels.MANAGED_BY + "=" + MirrorLabels.MANAGED_BY_VALUE
                        + "); left alone: delete it or add the label to let gitmesh manage it"));
            } else {
                MirrorObject target = want.withSpec(settings.exclusions().carryOver(key.kind(), want.spec(),
                        have.spec()));
                List<String> fields = JsonPaths.differences(view(target, target), view(target, have), "");
                if (fields.isEmpty()) {
                    continue;
                }
                boolean changedThere = have.sourceCommit().equals(desired.commit());
                if (changedThere) {
                    drift.add(new Drift(key, have.owned() ? Drift.Change.CHANGED : Drift.Change.LABEL_REMOVED,
                            fields, correct));
                }
                if (!changedThere || correct) {
                    updates.add(new MirrorPlan.Update(have, target));
                }
            }
        }
        if (desired.objects().isEmpty() && desired.held().isEmpty() && !deletes.isEmpty()
                && !settings.pruneWhenEmpty()) {
            notices.add(new Notice("commit " + desired.commit(), "refusing to prune all " + deletes.size()
                    + " SMI objects gitmesh manages, as the revision has no SMI documents; if that is intended, "
                    + "allow it with the mirror setting pruneWhenEmpty"));
            deletes.clear();
        }
        return new MirrorPlan(creates, updates, deletes, drift, notices);
    }

    /** The part of {@code object} that gitmesh manages, shaped like {@code reference}'s labels and annotations. */
    private JsonNode view(MirrorObject reference, MirrorObject object) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("apiVersion", object.apiVersion());
        ObjectNode metadata = view.putObject("metadata");
        metadata.set("labels", only(reference.labels(), object.labels()));
        metadata.set("annotations", only(reference.annotations(), object.annotations()));
        view.set("spec", settings.exclusions().strip(object.key().kind(), object.spec()));
        return view;
    }

    private static ObjectNode only(Map<String, String> keysOf, Map<String, String> values) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        keysOf.keySet().stream().filter(values::containsKey).forEach(k -> node.put(k, values.get(k)));
        return node;
    }

    private static Map<ResourceKey, MirrorObject> byKey(List<MirrorObject> objects) {
        return objects.stream().collect(Collectors.toMap(MirrorObject::key, Function.identity(), (a, b) -> a,
                TreeMap::new));
    }
}
