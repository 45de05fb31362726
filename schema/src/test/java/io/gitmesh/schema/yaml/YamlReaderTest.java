package io.gitmesh.schema.yaml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.Position;
import io.gitmesh.schema.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
    private final YamlReader reader = new YamlReader(Limits.DEFAULT);

    private ParsedFile read(String text) {
        return reader.read(new SourceFile("dir/policy.yaml", text.getBytes(UTF_8)));
    }

    @Test
    void keepsTheLineAndColumnOfEveryField() {
        ParsedFile file = read("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: bookstore
                spec:
                  ports:
                  - port: 14001
                    name: web
                """);
        assertThat(file.diagnostics()).isEmpty();
        SourceDocument doc = file.documents().getFirst();
        assertThat(doc.at("/kind")).isEqualTo(new Position(2, 1));
        assertThat(doc.at("/metadata/name")).isEqualTo(new Position(4, 3));
        assertThat(doc.at("/spec/ports/0")).isEqualTo(new Position(7, 5));
        assertThat(doc.at("/spec/ports/0/name")).isEqualTo(new Position(8, 5));
        assertThat(doc.at("/spec/ports/0/missing")).as("falls back to the nearest ancestor")
                .isEqualTo(new Position(7, 5));
        assertThat(doc.root().at("/spec/ports/0/port").intValue()).isEqualTo(14001);
    }

    @Test
    void readsEveryDocumentOfAFileAndSkipsEmptyOnes() {
        ParsedFile file = read("""
                a: 1
                ---
                # only a comment
                ---
                b: 2
                """);
        assertThat(file.documents()).extracting(SourceDocument::index).containsExactly(0, 2);
        assertThat(file.documents().get(1).start().line()).isEqualTo(5);
    }

    @Test
    void resolvesScalarsAsKubernetesExpects() {
        SourceDocument doc = read("""
                int: 12
                hex: 0x1F
                float: 1.5
                bool: true
                nothing: null
                quoted: "12"
                text: 100m
                """).documents().getFirst();
        assertThat(doc.root().get("int").isInt()).isTrue();
        assertThat(doc.root().get("hex").intValue()).isEqualTo(31);
        assertThat(doc.root().get("float").isNumber()).isTrue();
        assertThat(doc.root().get("bool").booleanValue()).isTrue();
        assertThat(doc.root().get("nothing").isNull()).isTrue();
        assertThat(doc.root().get("quoted").isString()).isTrue();
        assertThat(doc.root().get("text").asString()).isEqualTo("100m");
    }

    @Test
    void expandsAliasesAndMergeKeys() {
        SourceDocument doc = read("""
                base: &base {app: bookstore, tier: web}
                labels:
                  <<: *base
                  tier: api
                copy: *base
                """).documents().getFirst();
        assertThat(doc.root().get("labels").get("app").asString()).isEqualTo("bookstore");
        assertThat(doc.root().get("labels").get("tier").asString()).isEqualTo("api");
        assertThat(doc.root().get("copy").get("tier").asString()).isEqualTo("web");
    }

    @Test
    void reportsDuplicateKeysWithBothLines() {
        ParsedFile file = read("""
                metadata:
                  name: a
                  name: b
                """);
        assertThat(file.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.pointer()).isEqualTo("/metadata/name");
            assertThat(d.message()).contains("duplicate key \"name\"").contains("line 2");
        });
        assertThat(file.documents().getFirst().root().at("/metadata/name").asString()).isEqualTo("a");
    }

    @Test
    void reportsSyntaxErrorsAtTheirLine() {
        ParsedFile file = read("""
                a: 1
                b: [1, 2
                c: 3
                """);
        assertThat(file.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.message()).startsWith("YAML syntax error");
            assertThat(d.line()).isBetween(2, 4);
        });
    }

    @Test
    void reportsAnUndefinedAlias() {
        assertThat(read("a: *nowhere\n").diagnostics()).singleElement()
                .extracting(Diagnostic::message).asString().contains("*nowhere");
    }

    @Test
    void rejectsInvalidUtf8WithItsPosition() {
        byte[] bytes = "a: 1\nb: caf\u00e9\n".getBytes(UTF_8);
        bytes[bytes.length - 2] = (byte) 0xff; // break the second byte of é
        ParsedFile file = reader.read(new SourceFile("bad.yaml", bytes));
        assertThat(file.documents()).isEmpty();
        assertThat(file.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("invalid UTF-8");
            assertThat(d.line()).isEqualTo(2);
        });
    }

    @Test
    void rejectsBinaryFiles() {
        ParsedFile file = reader.read(new SourceFile("image.yaml", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}));
        assertThat(file.diagnostics()).singleElement().extracting(Diagnostic::message).asString()
                .contains("binary file");
    }

    @Test
    void acceptsAByteOrderMark() {
        byte[] text = "a: 1\n".getBytes(UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        ParsedFile file = reader.read(new SourceFile("bom.yaml", withBom));
        assertThat(file.diagnostics()).isEmpty();
        assertThat(file.documents().getFirst().root().get("a").intValue()).isEqualTo(1);
    }

    @Test
    void complexKeysAreRefused() {
        assertThat(read("? [a, b]\n: c\n").diagnostics()).singleElement().extracting(Diagnostic::message)
                .asString().contains("used as a key");
    }

    @Test
    void keepsDocumentsBeforeAnError() {
        ParsedFile file = read("a: 1\n---\nb: [\n");
        assertThat(file.documents()).hasSize(1);
        assertThat(file.hasErrors()).isTrue();
    }

    static List<String> messages(ParsedFile file) {
        return file.diagnostics().stream().map(Diagnostic::message).toList();
    }
}
