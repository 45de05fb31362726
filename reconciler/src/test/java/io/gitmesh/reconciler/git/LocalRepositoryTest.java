package io.gitmesh.reconciler.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.reconciler.source.Commit;
import io.gitmesh.reconciler.source.GitRepositoryConfig;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.PathChange;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository read in place, as {@code gitmesh diff} does, from a policy folder inside it. */
class LocalRepositoryTest {
    @TempDir
    Path temp;
    private Path work;
    private Git git;
    private LocalRepository repository;

    @BeforeEach
    void createRepository() throws Exception {
        work = temp.resolve("work");
        git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        write(".gitignore", "*.local.yaml\n");
        write("app/main.go", "package main\n");
        write("policy/access.yaml", "a: 1\n");
        write("policy/split.yaml", "s: 1\n");
        commit("First");
        write("policy/access.yaml", "a: 2\n");
        commit("Second");
        git.tag().setName("v2").call();
        repository = LocalRepository.open(work.resolve("policy"), Limits.DEFAULT, GitRepositoryConfig.DEFAULT_MAX_TOTAL_BYTES);
    }

    @AfterEach
    void close() {
        repository.close();
        git.close();
    }

    private void write(String path, String text) throws Exception {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("Dev", "dev@example.com");
        git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    private static Map<String, String> contents(SourceFiles files) {
        return files.files().stream().collect(Collectors.toMap(SourceFile::path, f -> new String(f.content(), UTF_8)));
    }

    @Test
    void resolvesGitRevisionSyntax() throws Exception {
        Commit head = repository.resolve("HEAD");
        assertThat(head.summary()).isEqualTo("Second");
        assertThat(repository.resolve("v2")).isEqualTo(head);
        assertThat(repository.resolve("HEAD~1").summary()).isEqualTo("First");
        assertThat(repository.resolve(head.id().abbreviated())).isEqualTo(head);
    }

    @Test
    void anUnknownRevisionIsForTheUserToFix() {
        assertThatThrownBy(() -> repository.resolve("no-such-branch"))
                .isInstanceOfSatisfying(GitSourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(GitSourceException.Kind.USER_MUST_FIX))
                .hasMessage("\"no-such-branch\" names no commit in " + work.resolve("policy"));
        assertThatThrownBy(() -> repository.resolve("HEAD~~~^^^:bad:")).isInstanceOf(GitSourceException.class);
    }

    @Test
    void readsACommitWithPathsRelativeToTheOpenedFolder() throws Exception {
        SourceFiles first = repository.files(repository.resolve("HEAD~1").id(), PolicyPaths.WHOLE_TREE);
        assertThat(contents(first)).isEqualTo(Map.of("access.yaml", "a: 1\n", "split.yaml", "s: 1\n"));
        assertThat(contents(repository.files(repository.resolve("HEAD").id(), PolicyPaths.of("split.yaml"))))
                .isEqualTo(Map.of("split.yaml", "s: 1\n"));
    }

    @Test
    void readsTheWorkingTreeWithUncommittedEdits() throws Exception {
        write("policy/access.yaml", "a: 3\n");
        write("policy/new.yaml", "n: 1\n");
        write("policy/mine.local.yaml", "ignored: true\n");
        write("policy/.scratch/x.yaml", "x: 1\n");
        Files.delete(work.resolve("policy/split.yaml"));
        Files.createSymbolicLink(work.resolve("policy/link.yaml"), work.resolve("policy/new.yaml"));
        SourceFiles read = repository.workingTreeFiles(PolicyPaths.WHOLE_TREE);
        assertThat(contents(read)).isEqualTo(Map.of("access.yaml", "a: 3\n", "new.yaml", "n: 1\n"));
        assertThat(read.diagnostics()).extracting(Diagnostic::file).containsExactly("link.yaml");
    }

    @Test
    void listsChangesRelativeToTheOpenedFolder() throws Exception {
        assertThat(repository.changedPaths(repository.resolve("HEAD~1").id(), repository.resolve("HEAD").id(),
                PolicyPaths.WHOLE_TREE)).containsExactly(PathChange.modified("access.yaml"));
    }

    @Test
    void aFolderOutsideAnyRepositoryIsForTheUserToFix() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("plain"));
        assertThatThrownBy(() -> LocalRepository.open(outside, Limits.DEFAULT, 1000))
                .hasMessage(outside + " is not inside a git repository");
    }
}
