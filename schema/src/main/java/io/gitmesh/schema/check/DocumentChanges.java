package io.gitmesh.schema.check;

import io.gitmesh.schema.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents of one revision that the revision before did not have as the very same instance
 * ({@code added}), and the ones it had that this one has not ({@code removed}): a file parsed again
 * replaces its documents, equal or not.
 *
 * @param addsSharedKey whether an added document has the key of another document of the revision
 *                      (the reader leaves one document per key; a {@code PolicySet} made otherwise may not)
 */
record DocumentChanges(List<PolicyDocument> removed, List<PolicyDocument> added, boolean addsSharedKey) {
    DocumentChanges {
        removed = List.copyOf(removed);
        added = List.copyOf(added);
    }

    /**
     * The changes from {@code before} to {@code after}, both sorted by key ({@link io.gitmesh.schema.PolicySet}):
     * one walk finds them, working keys out only where the lists differ.
     */
    static DocumentChanges between(List<PolicyDocument> before, List<PolicyDocument> after) {
        List<PolicyDocument> removed = new ArrayList<>();
        List<PolicyDocument> added = new ArrayList<>();
        boolean sharedKey = false;
        int i = 0;
        int j = 0;
        while (i < before.size() || j < after.size()) {
            PolicyDocument was = i < before.size() ? before.get(i) : null;
            PolicyDocument is = j < after.size() ? after.get(j) : null;
            if (was == is) {
                i++;
                j++;
                continue;
            }
            int order = was == null ? 1 : is == null ? -1 : was.key().compareTo(is.key());
            if (order <= 0) {
                removed.add(was);
                i++;
            }
            if (order >= 0) {
                added.add(is);
                sharedKey = sharedKey || sharesKey(after, j);
                j++;
            }
        }
        return new DocumentChanges(removed, added, sharedKey);
    }

    /** Whether the document at {@code index} has the key of a neighbour (in key order, equal keys stand together). */
    private static boolean sharesKey(List<PolicyDocument> documents, int index) {
        return index > 0 && sameKey(documents.get(index - 1), documents.get(index))
                || index + 1 < documents.size() && sameKey(documents.get(index), documents.get(index + 1));
    }

    private static boolean sameKey(PolicyDocument a, PolicyDocument b) {
        return a.kind().equals(b.kind()) && a.meta().namespace().equals(b.meta().namespace())
                && a.meta().name().equals(b.meta().name());
    }
}
