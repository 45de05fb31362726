package io.gitmesh.reconciler.mirror;

import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import io.gitmesh.schema.policy.Origin;
import io.gitmesh.schema.yaml.SourceDocument;
import io.gitmesh.schema.yaml.YamlReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The YAML trees of a revision's documents as the user wrote them, found by a document's
 * {@link Origin} (file and index). The compiled revision keeps only normalised records, so the
 * files that hold mirrored documents are read again with the same reader.
 */
public final class SourceTrees {
    private final Map<String, List<SourceDocument>> byFile;

    private SourceTrees(Map<String, List<SourceDocument>> byFile) {
        this.byFile = byFile;
    }

    /** Reads the files among {@code files} whose paths are in {@code paths}. */
    public static SourceTrees read(SourceFiles files, Set<String> paths, Limits limits) {
        YamlReader reader = new YamlReader(limits);
        Map<String, List<SourceDocument>> byFile = new TreeMap<>();
        for (SourceFile file : files.files()) {
            if (paths.contains(file.path())) {
                byFile.put(file.path(), reader.read(file).documents());
            }
        }
        return new SourceTrees(byFile);
    }

    /** The root of the document at {@code origin}, if the file was read and holds it. */
    public Optional<JsonNode> root(Origin origin) {
        return byFile.getOrDefault(origin.file(), List.of()).stream()
                .filter(d -> d.index() == origin.documentIndex()).findFirst().map(SourceDocument::root);
    }
}
