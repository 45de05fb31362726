package io.gitmesh.schema;

import io.gitmesh.schema.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents of one revision that the revision before did not have as the very same instance
 * ({@code added}), and the ones it had that this one has not ({@code removed}): a file parsed again
 * replaces its documents, equal or not. What the checks and the mesh compiler of a revision built
 * from the one before work on.
 *
 * @param addsSharedKey whether an added document has the key of another document of the revision
 *                      (the reader leaves one document per key; a {@code PolicySet} made otherwise may not)
 */
public record DocumentChanges(List<PolicyDocument> removed, List<PolicyDocument> added, boolean addsSharedKey) {
    public DocumentChanges {
        removed = List.copyOf(removed);
        added = List.copyOf(added);
    }

    /**
     * The changes from the documents that {@code was} to those that {@code is}, both sorted by key
     * ({@link PolicySet}): one walk finds them, working keys out only where the lists differ.
     */
    public static DocumentChanges between(List<PolicyDocument> was, List<PolicyDocument> is) {
        List<PolicyDocument> removed = new ArrayList<>();
        List<PolicyDocument> added = new ArrayList<>();
        int before = was.size();
        int after = is.size();
        boolean sharedKey = false;
        int i = 0;
        int j = 0;
        while (i < before && j < after) {
            PolicyDocument then = was.get(i);
            PolicyDocument now = is.get(j);
            if (then == now) {
                i++;
                j++;
                continue;
            }
            int order = then.key().compareTo(now.key());
            if (order <= 0) {
                removed.add(then);
                i++;
            }
            if (order >= 0) {
                added.add(now);
                sharedKey = sharedKey || sharesKey(is, j);
                j++;
            }
        }
        removed.addAll(was.subList(i, before));
        for (; j < after; j++) {
            added.add(is.get(j));
            sharedKey = sharedKey || sharesKey(is, j);
        }
        return new DocumentChanges(removed, added, sharedKey);
    }

    /** Whether the document at {@code index} has the key of a neighbour (in key order equal keys stand together). */
    private static boolean sharesKey(List<PolicyDocument> documents, int index) {
        return index > 0 && sameKey(documents.get(index - 1), documents.get(index))
                || index + 1 < documents.size() && sameKey(documents.get(index), documents.get(index + 1));
    }

    private static boolean sameKey(PolicyDocument a, PolicyDocument b) {
        return a.kind().equals(b.kind()) && a.meta().namespace().equals(b.meta().namespace())
                && a.meta().name().equals(b.meta().name());
    }
}
