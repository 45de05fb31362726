package io.gitmesh.schema.check;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * What the checks found about one document: diagnostics placed on the field they are about, and
 * whether it has errors (and so is left out of the compiled mesh).
 */
final class Findings {
    private final PolicyDocument document;
    private final List<Diagnostic> diagnostics = new ArrayList<>(0);
    private boolean failed;

    Findings(PolicyDocument document) {
        this.document = document;
    }

    void error(String pointer, String message) {
        add(Severity.ERROR, pointer, message);
        failed = true;
    }

    void warning(String pointer, String message) {
        add(Severity.WARNING, pointer, message);
    }

    /** Leaves the document out without an error of its own (it depends on a document that has one). */
    void exclude(String pointer, String why) {
        if (!failed) {
            failed = true;
            add(Severity.WARNING, pointer, why);
        }
    }

    boolean failed() {
        return failed;
    }

    /** Whether nothing was found (a failed document always has a diagnostic saying why). */
    boolean isEmpty() {
        return diagnostics.isEmpty();
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private void add(Severity severity, String pointer, String message) {
        diagnostics.add(Diagnostic.of(severity, document.origin().file(), document.origin().at(pointer), pointer,
                document.key().toString(), message));
    }
}
