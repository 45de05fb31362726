package io.gitmesh.schema.normalize;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.yaml.SourceDocument;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads typed fields from one document and collects what is wrong with them. Nothing here throws for
 * bad input: a field of the wrong type becomes an error at that field's line and reads as absent, so
 * the caller can go on and report every problem of the document at once. A field missing where an
 * error was already reported (at it or at a parent) is not reported again.
 */
final class FieldReader {
    private final SourceDocument doc;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();
    private String resource;

    FieldReader(SourceDocument doc, String resource) {
        this.doc = doc;
        this.resource = resource;
    }

    SourceDocument document() {
        return doc;
    }

    Located root() {
        return Located.root(doc.root());
    }

    /** The resource ({@code Kind/namespace/name}) that later diagnostics name. */
    void resource(String resource) {
        this.resource = resource;
    }

    /** Whether the field is set; when it is not, that is reported as a missing required field. */
    boolean require(Located f) {
        if (f.absent()) {
            missing(f);
            return false;
        }
        return true;
    }

    /** A string field; absent when not set. */
    Optional<String> string(Located f) {
        if (f.absent()) {
            return Optional.empty();
        }
        if (!f.node().isString()) {
            notAString(f);
            return Optional.empty();
        }
        return Optional.of(f.node().asString());
    }

    /** A string field that must be set; {@code ""} (and an error) when it is not. */
    String requiredString(Located f) {
        return require(f) ? string(f).orElse("") : "";
    }

    /** A boolean field (YAML {@code true}/{@code false}, not a quoted string). */
    Optional<Boolean> bool(Located f) {
        if (f.absent()) {
            return Optional.empty();
        }
        if (!f.node().isBoolean()) {
            wrongType(f, "true or false");
            return Optional.empty();
        }
        return Optional.of(f.node().booleanValue());
    }

    /** A whole number that fits an int (written as {@code 3} or {@code 3.0}). */
    OptionalInt integer(Located f) {
        if (f.absent()) {
            return OptionalInt.empty();
        }
        OptionalInt value = intValue(f);
        if (value.isEmpty()) {
            wrongType(f, "a whole number");
        }
        return value;
    }

    /** A port number, 1–65535. */
    OptionalInt port(Located f) {
        if (f.absent()) {
            return OptionalInt.empty();
        }
        OptionalInt value = intValue(f);
        if (value.isEmpty() || value.getAsInt() < 1 || value.getAsInt() > 65535) {
            error(f, f.field() + " must be a port number from 1 to 65535, not " + f.describe());
            return OptionalInt.empty();
        }
        return value;
    }

    /** A port that must be set; 0 (and an error) when it is not. */
    int requiredPort(Located f) {
        return require(f) ? port(f).orElse(0) : 0;
    }

    /** A mapping, or an absent node (with an error) when something else is written. */
    Located object(Located f) {
        if (!f.absent() && !f.node().isObject()) {
            wrongType(f, "a mapping");
            return f.withoutValue();
        }
        return f;
    }

    /** A mapping that must be set. */
    Located requiredObject(Located f) {
        require(f);
        return object(f);
    }

    /** The items of a list; empty when not set or not a list (the latter is an error). */
    List<Located> list(Located f) {
        if (f.absent()) {
            return List.of();
        }
        if (!f.node().isArray()) {
            wrongType(f, "a list");
            return List.of();
        }
        return f.items();
    }

    /** A list of strings; items of another type are errors and left out. */
    List<String> strings(Located f) {
        List<String> values = new ArrayList<>();
        for (Located item : list(f)) {
            if (item.node().isString()) {
                values.add(item.node().asString());
            } else {
                notAString(item);
            }
        }
        return values;
    }

    /**
     * A mapping of strings (labels, annotations, selectors), in written order. A value written as
     * null reads as {@code ""}, as Kubernetes reads it; a number or boolean is an error (quote it).
     */
    Map<String, String> stringMap(Located f) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Located entry : object(f).children()) {
            if (entry.node().isString()) {
                values.put(entry.key(), entry.node().asString());
            } else if (entry.node().isNull()) {
                values.put(entry.key(), "");
            } else {
                notAString(entry);
            }
        }
        return values;
    }

    /** Reports a value that should have been a string; a number or boolean gets the hint to quote it. */
    void notAString(Located f) {
        boolean scalar = f.node().isNumber() || f.node().isBoolean();
        error(f, f.field() + " must be a string, not " + f.describe() + (scalar ? " (quote it)" : ""));
    }

    void error(Located f, String message) {
        reported.add(f.pointer());
        add(Severity.ERROR, f, message);
    }

    void warning(Located f, String message) {
        add(Severity.WARNING, f, message);
    }

    void info(Located f, String message) {
        add(Severity.INFO, f, message);
    }

    /** The value, or nothing when any error was found; every diagnostic either way. */
    <T> Normalized<T> result(T value) {
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            return Normalized.failed(diagnostics);
        }
        return Normalized.of(value, diagnostics);
    }

    private void add(Severity severity, Located f, String message) {
        diagnostics.add(Diagnostic.of(severity, doc.file(), doc.at(f.pointer()), f.pointer(), resource, message));
    }

    private void missing(Located f) {
        if (!reportedAtOrAbove(f.pointer())) {
            error(f, "missing required field " + f.field());
        }
    }

    private void wrongType(Located f, String expected) {
        error(f, f.field() + " must be " + expected + ", not " + f.describe());
    }

    /** Whether an error was reported at this pointer or at one of its ancestors. */
    private boolean reportedAtOrAbove(String pointer) {
        String p = pointer;
        while (!reported.contains(p)) {
            if (p.isEmpty()) {
                return false;
            }
            p = p.substring(0, Math.max(p.lastIndexOf('/'), 0));
        }
        return true;
    }

    /** The node as an int when it is a whole number that fits ({@code 3} or {@code 3.0}). */
    private static OptionalInt intValue(Located f) {
        try {
            return decimalValue(f).map(d -> OptionalInt.of(d.intValueExact())).orElse(OptionalInt.empty());
        } catch (ArithmeticException e) {
            return OptionalInt.empty();
        }
    }

    /** The exact value of a number node (infinity and NaN are not numbers here). */
    static Optional<BigDecimal> decimalValue(Located f) {
        JsonNode n = f.node();
        if (!n.isNumber() || (n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) {
            return Optional.empty();
        }
        return Optional.of(n.decimalValue());
    }
}
