package io.gitmesh.schema.jsonschema;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.DocumentType;
import io.gitmesh.schema.yaml.SourceDocument;
import java.util.List;

/**
 * Checks a policy document against the JSON Schema of its type (derived from the SMI and OSM CRDs,
 * see {@code io/gitmesh/schema/jsonschema/README.md}). A field the CRD does not know is an error, as a
 * cluster would silently drop it; so are missing required fields, wrong types and values outside an
 * enumeration. A document without errors has the shape the normaliser relies on.
 *
 * <p>The schemas are loaded and compiled once, when the first document is validated; the shared
 * instance is safe to use from many threads.
 */
public final class SchemaValidator {
    private static final SchemaValidator SHARED = new SchemaValidator();

    private SchemaValidator() {
    }

    public static SchemaValidator shared() {
        return SHARED;
    }

    /**
     * The schema findings for one document, in source order: errors (the document must not be used)
     * and, for OSM's MeshConfig, warnings about fields gitmesh ignores.
     *
     * @param type     a policy type ({@link DocumentType#isPolicy()})
     * @param resource {@code Kind/namespace/name} for the diagnostics
     */
    public List<Diagnostic> validate(SourceDocument doc, DocumentType type, String resource) {
        if (!type.isPolicy()) {
            throw new IllegalArgumentException(type.kind() + " " + type.apiVersion() + " is not a policy type");
        }
        Loaded loaded = Loaded.INSTANCE;
        return loaded.translator.translate(loaded.catalog.schemaOf(type).validate(doc.root()), doc, type, resource);
    }

    /** The compiled schemas, loaded on first use (the JVM's class initialisation makes this thread-safe). */
    private static final class Loaded {
        static final Loaded INSTANCE = new Loaded(SchemaCatalog.load());

        final SchemaCatalog catalog;
        final ErrorTranslator translator;

        private Loaded(SchemaCatalog catalog) {
            this.catalog = catalog;
            this.translator = new ErrorTranslator(catalog);
        }
    }
}
