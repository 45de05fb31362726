package io.gitmesh.schema.normalize;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.DocumentType;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.yaml.ParsedFile;
import io.gitmesh.schema.yaml.SourceDocument;
import io.gitmesh.schema.yaml.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads inline YAML into documents and runs them through the normaliser or the Kubernetes reader. */
final class Documents {
    static final String FILE = "policy.yaml";

    private Documents() {
    }

    /** Every document of a YAML text, which must parse cleanly. */
    static List<SourceDocument> parse(String file, String yaml) {
        ParsedFile parsed = new YamlReader(Limits.DEFAULT).read(new SourceFile(file, yaml.getBytes(UTF_8)));
        assertThat(parsed.diagnostics()).as("YAML diagnostics").isEmpty();
        return parsed.documents();
    }

    static SourceDocument parse(String yaml) {
        return parse(FILE, yaml).getFirst();
    }

    static DocumentType typeOf(SourceDocument doc) {
        String apiVersion = doc.root().path("apiVersion").asString();
        String kind = doc.root().path("kind").asString();
        return DocumentType.of(apiVersion, kind).orElseThrow(() -> new AssertionError(
                "gitmesh does not read " + kind + " " + apiVersion));
    }

    static Normalized<PolicyDocument> normalize(String yaml) {
        SourceDocument doc = parse(yaml);
        return new Normalizer().normalize(doc, typeOf(doc));
    }

    static Normalized<KubeObject> readKube(String yaml) {
        SourceDocument doc = parse(yaml);
        return new KubeReader().read(doc, typeOf(doc));
    }

    /** The record of a document that must normalise without any diagnostic. */
    static <T extends PolicyDocument> T policy(String yaml, Class<T> type) {
        Normalized<PolicyDocument> n = normalize(yaml);
        assertThat(n.diagnostics()).as("diagnostics").isEmpty();
        return type.cast(n.value().orElseThrow());
    }

    static <T extends KubeObject> T kube(String yaml, Class<T> type) {
        Normalized<KubeObject> n = readKube(yaml);
        assertThat(n.diagnostics()).as("diagnostics").isEmpty();
        return type.cast(n.value().orElseThrow());
    }

    /** The only diagnostic of a document that must fail to normalise. */
    static Diagnostic onlyError(Normalized<?> n) {
        assertThat(n.value()).as("value of a document with an error").isEmpty();
        assertThat(n.diagnostics()).hasSize(1);
        Diagnostic d = n.diagnostics().getFirst();
        assertThat(d.isError()).isTrue();
        return d;
    }

    /** A file of shared/ (third-party data). */
    static String shared(String path) {
        try {
            return Files.readString(Path.of(System.getProperty("gitmesh.shared"), path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
