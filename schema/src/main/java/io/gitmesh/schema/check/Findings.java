package io.gitmesh.schema.check;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What the checks found: diagnostics placed on the document and field they are about, and which
 * documents have errors (and so are left out of the compiled mesh).
 */
final class Findings {
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<PolicyDocument> failed = Collections.newSetFromMap(new IdentityHashMap<>());

    void error(PolicyDocument doc, String pointer, String message) {
        add(Severity.ERROR, doc, pointer, message);
        failed.add(doc);
    }

    void warning(PolicyDocument doc, String pointer, String message) {
        add(Severity.WARNING, doc, pointer, message);
    }

    /** Leaves a document out without an error of its own (it depends on a document that has one). */
    void exclude(PolicyDocument doc, String pointer, String why) {
        if (failed.add(doc)) {
            add(Severity.WARNING, doc, pointer, why);
        }
    }

    /** Whether no document has failed. */
    boolean noneFailed() {
        return failed.isEmpty();
    }

    boolean failed(PolicyDocument doc) {
        return failed.contains(doc);
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private void add(Severity severity, PolicyDocument doc, String pointer, String message) {
        diagnostics.add(Diagnostic.of(severity, doc.origin().file(), doc.origin().at(pointer), pointer,
                doc.key().toString(), message));
    }
}
