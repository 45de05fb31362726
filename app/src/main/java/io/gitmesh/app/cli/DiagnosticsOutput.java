package io.gitmesh.app.cli;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Severity;
import java.io.PrintWriter;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints diagnostics as text (one line each, DESIGN.md §7) or as the stable JSON of {@code validate}. */
final class DiagnosticsOutput {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private DiagnosticsOutput() {
    }

    static void text(List<Diagnostic> diagnostics, PrintWriter out) {
        diagnostics.forEach(d -> out.println(d.toText()));
    }

    /** A one-line count for people: {@code 2 errors, 1 warning, 3 notices}. */
    static String summary(List<Diagnostic> diagnostics) {
        return count(diagnostics, Severity.ERROR, "error") + ", " + count(diagnostics, Severity.WARNING, "warning")
                + ", " + count(diagnostics, Severity.INFO, "notice");
    }

    private static String count(List<Diagnostic> diagnostics, Severity severity, String word) {
        long n = diagnostics.stream().filter(d -> d.severity() == severity).count();
        return n + " " + word + (n == 1 ? "" : "s");
    }

    static ArrayNode json(List<Diagnostic> diagnostics) {
        ArrayNode array = JSON.createArrayNode();
        for (Diagnostic d : diagnostics) {
            ObjectNode o = array.addObject();
            o.put("severity", d.severity().word());
            o.put("file", d.file());
            o.put("line", d.line());
            o.put("column", d.column());
            o.put("pointer", d.pointer());
            o.put("resource", d.resource());
            o.put("message", d.message());
        }
        return array;
    }

    static String pretty(ObjectNode node) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }
}
