package io.gitmesh.reconciler.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {
    @TempDir
    Path repo;

    private void write(String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void readsYamlFilesAndSkipsTheRest() throws IOException {
        write("access/a.yaml", "a: 1\n");
        write("split/b.yml", "b: 1\n");
        write("README.md", "# not policy\n");
        write(".github/workflows/ci.yaml", "on: push\n");
        SourceFiles read = new DirectorySource(Limits.DEFAULT).read(repo);
        assertThat(read.files()).extracting(SourceFile::path).containsExactly("access/a.yaml", "split/b.yml");
        assertThat(read.diagnostics()).isEmpty();
    }

    @Test
    void neverFollowsSymlinksAndSaysSo() throws IOException {
        Path outside = Files.createTempDirectory("outside");
        Files.writeString(outside.resolve("secret.yaml"), "password: hunter2\n");
        write("real.yaml", "a: 1\n");
        Files.createSymbolicLink(repo.resolve("link.yaml"), outside.resolve("secret.yaml"));
        Files.createSymbolicLink(repo.resolve("linked-dir"), outside);
        SourceFiles read = new DirectorySource(Limits.DEFAULT).read(repo);
        assertThat(read.files()).extracting(SourceFile::path).containsExactly("real.yaml");
        assertThat(read.diagnostics()).extracting(Diagnostic::file).containsExactly("link.yaml", "linked-dir");
        assertThat(read.diagnostics()).allSatisfy(d -> assertThat(d.message()).contains("not followed"));
    }

    @Test
    void reportsFilesOverTheLimitWithoutReadingThem() throws IOException {
        write("big.yaml", "a: " + "x".repeat(200) + "\n");
        SourceFiles read = new DirectorySource(new Limits(100, 10, 10, 10, 1000)).read(repo);
        assertThat(read.files()).isEmpty();
        assertThat(read.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.file()).isEqualTo("big.yaml");
            assertThat(d.message()).contains("over the limit of 100 bytes");
        });
    }

    @Test
    void readsASingleFile() throws IOException {
        write("state.yaml", "kind: Service\n");
        SourceFiles read = new DirectorySource(Limits.DEFAULT).read(repo.resolve("state.yaml"));
        assertThat(read.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("state.yaml");
            assertThat(new String(f.content(), UTF_8)).isEqualTo("kind: Service\n");
        });
    }
}
