package io.gitmesh.schema.jsonschema;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.DocumentType;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.yaml.ParsedFile;
import io.gitmesh.schema.yaml.SourceDocument;
import io.gitmesh.schema.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads YAML text the way the policy reader does and runs the schema check on its policy documents. */
final class Documents {
    private static final YamlReader YAML = new YamlReader(Limits.DEFAULT);

    private Documents() {
    }

    /** The schema findings of every policy document in the text (other documents are skipped). */
    static List<Diagnostic> validate(String file, String text) {
        ParsedFile parsed = YAML.read(new SourceFile(file, text.getBytes(UTF_8)));
        if (parsed.hasErrors()) {
            throw new IllegalArgumentException("fixture is not valid YAML: " + parsed.diagnostics());
        }
        List<Diagnostic> findings = new ArrayList<>();
        for (SourceDocument doc : parsed.documents()) {
            policyType(doc).ifPresent(type -> findings.addAll(
                    SchemaValidator.shared().validate(doc, type, type.kind() + "/test/" + doc.index())));
        }
        return findings;
    }

    static List<Diagnostic> validate(String text) {
        return validate("policy.yaml", text);
    }

    static Optional<DocumentType> policyType(SourceDocument doc) {
        if (!doc.root().path("apiVersion").isString() || !doc.root().path("kind").isString()) {
            return Optional.empty();
        }
        return DocumentType.of(doc.root().get("apiVersion").asString(), doc.root().get("kind").asString())
                .filter(DocumentType::isPolicy);
    }
}
