package io.gitmesh.schema.jsonschema;

import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.yaml.ParsedFile;
import io.gitmesh.schema.yaml.SourceDocument;
import io.gitmesh.schema.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Derives the committed whole-document JSON Schemas from the CRDs in {@code shared/} (SMI's smi-sdk-go
 * CRDs and OSM's MeshConfig CRD): one schema per group, version and kind, each with the Kubernetes
 * envelope (apiVersion, kind, metadata) and the CRD's own top-level fields. The departures from the
 * CRDs that real repositories need are applied here, each in its own method, and listed in the
 * README.md next to the schemas. {@link GeneratedSchemasTest} fails when a committed schema differs
 * from what this derives, and rewrites them with {@code -Dgolden.update=true}.
 */
final class SchemaGenerator {
    /** Where the schemas live, relative to the repository root. */
    static final String RESOURCES = "schema/src/main/resources/io/gitmesh/schema/jsonschema";

    /** The schemas written by hand (no CRD has these versions, or they are gitmesh's own). */
    static final Set<String> HAND_WRITTEN = Set.of(
            "meta.k8s.io/v1/ObjectMeta.json",
            "gitmesh.io/v1alpha1/MeshConfig.json",
            "gitmesh.io/v1alpha1/EnvoyOverride.json",
            "split.smi-spec.io/v1alpha1/TrafficSplit.json",
            "specs.smi-spec.io/v1alpha1/TCPRoute.json",
            "specs.smi-spec.io/v1alpha2/TCPRoute.json",
            "specs.smi-spec.io/v1alpha3/TCPRoute.json");

    private static final String SMI_SDK = "servicemeshinterface/smi-sdk-go@a143f8bc crds/";
    private static final String OSM = "openservicemesh/osm@7bec5b6b cmd/osm-bootstrap/crds/";
    /** CRD file under shared/ → where it came from. */
    private static final Map<String, String> CRDS = Map.of(
            "smi/crds/access.yaml", SMI_SDK + "access.yaml",
            "smi/crds/httproutegroup.yaml", SMI_SDK + "httproutegroup.yaml",
            "smi/crds/split.yaml", SMI_SDK + "split.yaml",
            "smi/crds/tcproute.yaml", SMI_SDK + "tcproute.yaml",
            "smi/crds/udproute.yaml", SMI_SDK + "udproute.yaml",
            "osm/crds/config_meshconfig.yaml", OSM + "config_meshconfig.yaml");

    static final String OBJECT_META_REF = "../../meta.k8s.io/v1/ObjectMeta.json";
    static final String HEADER_LIST_FORM =
            "a list of maps from header name to value regex (- user-agent: \".*Android.*\")";
    static final String HEADER_MAP_FORM = "a map from header name to value regex (user-agent: \".*Android.*\")";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> CRD_ROOT_KEYWORDS = Set.of("type", "description", "required", "properties");
    private static final Set<String> ENVELOPE = Set.of("apiVersion", "kind", "metadata");

    private SchemaGenerator() {
    }

    /** Every derived schema as committed: path under {@link #RESOURCES} → file text. */
    static SortedMap<String, String> derive(Path shared) throws IOException {
        SortedMap<String, String> schemas = new TreeMap<>();
        for (Map.Entry<String, String> crdFile : new TreeMap<>(CRDS).entrySet()) {
            for (SourceDocument crd : readYaml(shared.resolve(crdFile.getKey()))) {
                String group = crd.root().at("/spec/group").asString();
                String kind = crd.root().at("/spec/names/kind").asString();
                for (JsonNode version : crd.root().at("/spec/versions")) {
                    String name = version.path("name").asString();
                    ObjectNode schema = document(group, name, kind, version.at("/schema/openAPIV3Schema"),
                            crdFile.getValue());
                    schemas.put(group + "/" + name + "/" + kind + ".json", render(schema));
                }
            }
        }
        return schemas;
    }

    private static ObjectNode document(String group, String version, String kind, JsonNode crdRoot, String origin) {
        String where = kind + " " + group + "/" + version;
        for (String keyword : crdRoot.propertyNames()) {
            if (!CRD_ROOT_KEYWORDS.contains(keyword)) {
                throw new IllegalArgumentException("keyword \"" + keyword + "\" at the root of " + where
                        + " is not supported");
            }
        }
        ObjectNode converted = CrdSchemaConverter.convert(crdRoot, where);
        if ("HTTPRouteGroup".equals(kind)) {
            acceptHeadersAsMap(converted);
        }
        ObjectNode doc = NODES.objectNode();
        doc.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        doc.put("$comment", "Derived from " + origin + " (Apache-2.0) by SchemaGenerator (test code); do not edit:"
                + " see README.md.");
        doc.put("title", where);
        if (converted.has("description")) {
            doc.set("description", converted.get("description"));
        }
        doc.put("type", "object");
        ArrayNode required = doc.putArray("required").add("apiVersion").add("kind").add("metadata");
        converted.path("required").forEach(required::add);
        ObjectNode properties = doc.putObject("properties");
        properties.putObject("apiVersion").put("const", group + "/" + version);
        properties.putObject("kind").put("const", kind);
        properties.putObject("metadata").put("$ref", OBJECT_META_REF);
        for (Map.Entry<String, JsonNode> field : converted.path("properties").properties()) {
            if (!ENVELOPE.contains(field.getKey())) {
                properties.set(field.getKey(), field.getValue());
            }
        }
        doc.put("additionalProperties", false);
        return doc;
    }

    /**
     * Departure: HTTPRouteGroup {@code headers} is accepted as the CRD's list of maps and as the plain
     * map of the spec text (v1alpha4 traffic-specs.md), in every version: real repositories hold both.
     */
    private static void acceptHeadersAsMap(JsonNode schema) {
        JsonNode headers = schema.path("properties").path("headers");
        if (headers instanceof ObjectNode crdForm) {
            JsonNode map = crdForm.path("items");
            if (!"array".equals(crdForm.path("type").asString()) || !"object".equals(map.path("type").asString())
                    || !"string".equals(map.path("additionalProperties").path("type").asString())) {
                throw new IllegalArgumentException("HTTPRouteGroup headers are no longer a list of string maps: "
                        + crdForm + "; revisit the departure");
            }
            ObjectNode accepted = NODES.objectNode();
            accepted.set("description", crdForm.get("description"));
            accepted.putArray("oneOf").add(titled(HEADER_LIST_FORM, crdForm)).add(titled(HEADER_MAP_FORM, map));
            ((ObjectNode) schema.path("properties")).set("headers", accepted);
        }
        for (JsonNode child : schema) {
            acceptHeadersAsMap(child);
        }
    }

    /** A copy of a schema without its description, titled with the form it accepts (used in messages). */
    private static ObjectNode titled(String title, JsonNode schema) {
        ObjectNode out = NODES.objectNode().put("title", title);
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            if (!"description".equals(keyword.getKey())) {
                out.set(keyword.getKey(), keyword.getValue().deepCopy());
            }
        }
        return out;
    }

    private static List<SourceDocument> readYaml(Path file) throws IOException {
        ParsedFile parsed = new YamlReader(Limits.DEFAULT)
                .read(new SourceFile(file.getFileName().toString(), Files.readAllBytes(file)));
        if (parsed.hasErrors()) {
            throw new IllegalArgumentException(file + ": " + parsed.diagnostics());
        }
        return parsed.documents();
    }

    /** Two-space indentation, one entry per line, a final newline: stable and easy to diff. */
    static String render(JsonNode schema) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        return JsonMapper.builder().build().writer().with(printer).writeValueAsString(schema) + "\n";
    }
}
