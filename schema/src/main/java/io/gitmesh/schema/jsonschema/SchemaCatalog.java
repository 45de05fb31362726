package io.gitmesh.schema.jsonschema;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.gitmesh.schema.DocumentType;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The compiled JSON Schema of every policy type, loaded once from the classpath
 * ({@code io/gitmesh/schema/jsonschema/<group>/<version>/<Kind>.json}, see the README.md there).
 * Schemas refer to each other only by relative {@code $ref} on the classpath; nothing is ever
 * fetched from a network address.
 */
final class SchemaCatalog {
    private static final String ROOT = "classpath:io/gitmesh/schema/jsonschema/";

    /** The compiled document schemas by their classpath IRI. */
    private final Map<String, Schema> byLocation;

    private SchemaCatalog(Map<String, Schema> byLocation) {
        this.byLocation = Map.copyOf(byLocation);
    }

    /** Loads and compiles the schema of every policy type; a missing or broken schema is a build defect. */
    static SchemaCatalog load() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaLoader(loader -> loader.block(iri -> !"classpath".equals(iri.getScheme()))));
        Map<String, Schema> byLocation = new HashMap<>();
        for (DocumentType type : DocumentType.policyTypes()) {
            Schema schema = registry.getSchema(SchemaLocation.of(locationOf(type)));
            schema.initializeValidators();
            byLocation.put(locationOf(type), schema);
        }
        return new SchemaCatalog(byLocation);
    }

    private static String locationOf(DocumentType type) {
        return ROOT + type.group() + "/" + type.version() + "/" + type.kind() + ".json";
    }

    Schema schemaOf(DocumentType type) {
        Schema schema = byLocation.get(locationOf(type));
        if (schema == null) {
            throw new IllegalArgumentException("no JSON Schema for " + type.kind() + " " + type.apiVersion());
        }
        return schema;
    }

    /**
     * The schema object that holds the keyword at {@code keywordLocation} (a location such as
     * {@code …/TrafficSplit.json#/properties/spec/…/pattern}), or a missing node when that is not
     * in a document schema (the shared ObjectMeta schema gives no titles).
     */
    JsonNode schemaHolding(SchemaLocation keywordLocation) {
        Schema file = byLocation.get(String.valueOf(keywordLocation.getAbsoluteIri()));
        InstancePath fragment = InstancePath.of(keywordLocation.getFragment());
        if (file == null || fragment.isRoot()) {
            return MissingNode.getInstance();
        }
        return file.getSchemaNode().at(fragment.parent().pointer());
    }
}
