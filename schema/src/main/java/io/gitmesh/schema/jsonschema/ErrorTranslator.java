package io.gitmesh.schema.jsonschema;

import com.networknt.schema.Error;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.DocumentType;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.yaml.SourceDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns the JSON Schema errors of one document into diagnostics people can act on: each names the
 * field in dotted form, says what is wrong and what was found, and points at the line to change.
 * The errors under a {@code oneOf} (a field accepted in two forms) become one message that names
 * both forms.
 *
 * <p>OSM's MeshConfig is read only for the few fields gitmesh maps; for it, a field the CRD does not
 * know and a field the CRD requires are warnings, so that OSM repositories (including OSM's own demo,
 * which has both) keep working. Wrong types and values stay errors there too.
 */
final class ErrorTranslator {
    private static final Set<String> ENVELOPE = Set.of("apiVersion", "kind", "metadata");

    private final SchemaCatalog catalog;

    ErrorTranslator(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    List<Diagnostic> translate(List<Error> errors, SourceDocument doc, DocumentType type, String resource) {
        Subject subject = new Subject(doc, type, resource);
        List<Error> composites = errors.stream().filter(e -> isComposite(e) && !isEnclosed(e, errors)).toList();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Error composite : composites) {
            List<Error> inside = errors.stream().filter(e -> e != composite && encloses(composite, e)).toList();
            diagnostics.add(subject.diagnostic(oneOf(composite, inside, subject)));
        }
        for (Error error : errors) {
            if (!isComposite(error) && !isEnclosed(error, composites)) {
                diagnostics.add(subject.diagnostic(single(error, subject)));
            }
        }
        return diagnostics.stream().distinct().sorted().toList();
    }

    private Finding single(Error e, Subject subject) {
        InstancePath at = InstancePath.of(e.getInstanceLocation());
        return switch (e.getKeyword()) {
            case "additionalProperties" -> unknownField(at, e.getProperty(), subject);
            case "required" -> missingField(at, e.getProperty(), subject);
            default -> Finding.error(at, (at.isRoot() ? "the document" : at.dotted()) + " " + problem(e));
        };
    }

    /** What is wrong with a value, in words that follow its dotted path. */
    private String problem(Error e) {
        JsonNode value = e.getInstanceNode();
        JsonNode keyword = e.getSchemaNode();
        return switch (e.getKeyword()) {
            case "type" -> "must be " + ValueText.types(keyword) + ", got " + ValueText.got(value);
            case "enum" -> ValueText.literal(value) + " is not one of " + ValueText.choices(keyword);
            case "const" -> "must be " + ValueText.literal(keyword) + ", got " + ValueText.got(value);
            case "pattern" -> ValueText.literal(value) + " " + title(catalog.schemaHolding(e.getSchemaLocation()))
                    .map(title -> "is not " + title)
                    .orElse("does not match the pattern " + keyword.asString());
            case "minimum" -> "must be at least " + keyword + ", got " + ValueText.literal(value);
            case "maximum" -> "must be at most " + keyword + ", got " + ValueText.literal(value);
            case "minItems" -> "must have at least " + keyword + " item(s), got " + value.size();
            case "maxLength" -> "must be at most " + keyword + " characters long, got " + value.asString().length();
            default -> "is not valid: " + e.getMessage();
        };
    }

    private Finding unknownField(InstancePath object, String name, Subject subject) {
        String where = object.isRoot() ? "at the top level" : "in " + object.dotted();
        String message = "unknown field \"" + name + "\" " + where + " (" + subject.typeName()
                + " has no such field; a cluster would drop it)";
        if (object.isRoot()) {
            message += misplacedHint(name, catalog.schemaOf(subject.type()).getSchemaNode());
        }
        if (subject.readsPartially()) {
            return Finding.warning(object.child(name), message + "; gitmesh ignores it");
        }
        return Finding.error(object.child(name), message);
    }

    /** A top-level field of the wrong layout: v1alpha4 fields written at the top, or spec in a v1alpha1 layout. */
    private static String misplacedHint(String name, JsonNode documentSchema) {
        JsonNode topLevel = documentSchema.path("properties");
        if (topLevel.path("spec").path("properties").has(name)) {
            return "; in this version it belongs in spec." + name;
        }
        if ("spec".equals(name)) {
            List<String> fields = topLevel.propertyNames().stream().filter(f -> !ENVELOPE.contains(f)).toList();
            return "; this version has no spec, its fields are at the top level: " + String.join(", ", fields);
        }
        return "";
    }

    private static Finding missingField(InstancePath object, String name, Subject subject) {
        String where = object.isRoot() ? "at the top level" : "in " + object.dotted();
        String message = "missing required field \"" + name + "\" " + where;
        if (subject.readsPartially()) {
            return Finding.warning(object, message + " (a cluster would reject this " + subject.typeName()
                    + "; gitmesh reads the document anyway)");
        }
        return Finding.error(object, message);
    }

    /** One message for a field accepted in several forms, with the first problem inside the form that fits. */
    private Finding oneOf(Error composite, List<Error> inside, Subject subject) {
        InstancePath at = InstancePath.of(composite.getInstanceLocation());
        List<String> forms = new ArrayList<>();
        for (JsonNode form : composite.getSchemaNode()) {
            forms.add(title(form).orElseGet(() -> ValueText.types(form.path("type"))));
        }
        String message = at.dotted() + " must be either " + String.join(", or ", forms) + "; got "
                + ValueText.got(composite.getInstanceNode());
        return inside.stream()
                .filter(e -> InstancePath.of(e.getInstanceLocation()).tokens().size() > at.tokens().size())
                .min(Comparator.comparing(e -> InstancePath.of(e.getInstanceLocation()).pointer()))
                .map(e -> single(e, subject))
                .map(detail -> Finding.error(detail.at(), message + "; " + detail.message()))
                .orElseGet(() -> Finding.error(at, message));
    }

    /** The title a schema gives the form it accepts (our schemas title the forms messages name). */
    private static Optional<String> title(JsonNode schema) {
        JsonNode title = schema.path("title");
        return title.isString() ? Optional.of(title.asString()) : Optional.empty();
    }

    private static boolean isComposite(Error e) {
        return "oneOf".equals(e.getKeyword());
    }

    /** Whether {@code inner} was found while checking the alternatives of {@code composite}. */
    private static boolean encloses(Error composite, Error inner) {
        return inner.getEvaluationPath().startsWith(composite.getEvaluationPath())
                && InstancePath.of(inner.getInstanceLocation())
                        .startsWith(InstancePath.of(composite.getInstanceLocation()));
    }

    private static boolean isEnclosed(Error e, List<Error> candidates) {
        return candidates.stream().anyMatch(c -> c != e && isComposite(c) && encloses(c, e));
    }

    /** What one schema error says, before it is placed in the source. */
    private record Finding(Severity severity, InstancePath at, String message) {
        static Finding error(InstancePath at, String message) {
            return new Finding(Severity.ERROR, at, message);
        }

        static Finding warning(InstancePath at, String message) {
            return new Finding(Severity.WARNING, at, message);
        }
    }

    /** The document being checked, and how findings about it are placed and named. */
    private record Subject(SourceDocument doc, DocumentType type, String resource) {
        String typeName() {
            return type.kind() + " " + type.apiVersion();
        }

        boolean readsPartially() {
            return DocumentType.OSM_CONFIG.equals(type.group());
        }

        Diagnostic diagnostic(Finding finding) {
            String pointer = finding.at().pointer();
            return Diagnostic.of(finding.severity(), doc.file(), doc.at(pointer), pointer, resource, finding.message());
        }
    }
}
