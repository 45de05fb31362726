package io.gitmesh.injector.manifest;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Manifests written back as YAML, one {@code ---} document each: quotes only where YAML needs them
 * (strings that read as numbers or booleans keep theirs), multi-line strings such as the iptables script
 * as literal blocks, no folded lines. Comments of the input are not kept.
 */
public final class ManifestYaml {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES, YAMLWriteFeature.LITERAL_BLOCK_STYLE,
                    YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .build();

    private ManifestYaml() {
    }

    public static String write(List<JsonNode> documents) {
        StringBuilder out = new StringBuilder();
        documents.forEach(document -> out.append(YAML.writeValueAsString(document)));
        return out.toString();
    }
}
