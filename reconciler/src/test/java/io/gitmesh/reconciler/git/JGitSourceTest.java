package io.gitmesh.reconciler.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.reconciler.gittest.TestRemote;
import io.gitmesh.reconciler.gittest.TestRemote.Snapshot;
import io.gitmesh.reconciler.source.Ancestry;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.reconciler.source.GitRepositoryConfig;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.reconciler.source.Reference;
import io.gitmesh.reconciler.source.ResolvedCommit;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git source against real repositories over {@code file://} and local paths. */
class JGitSourceTest {
    private static final Snapshot FIRST = Snapshot.of(
            "access/a.yaml", "kind: TrafficTarget\n",
            "README.md", "# policy\n");

    @TempDir
    Path temp;
    private TestRemote remote;

    @BeforeEach
    void createRemote() {
        remote = TestRemote.create(temp.resolve("remote.git"));
    }

    @AfterEach
    void closeRemote() {
        remote.close();
    }

    private JGitSource source(Reference reference) {
        return source(GitRepositoryConfig.of(remote.url(), reference));
    }

    private JGitSource source(GitRepositoryConfig config) {
        return new JGitSource(config, temp.resolve("cache"), Limits.DEFAULT);
    }

    private static CommitId id(ObjectId commit) {
        return new CommitId(commit.name());
    }

    @Test
    void clonesThenFetchesNewCommitsOfTheBranch() throws Exception {
        ObjectId first = remote.commit("main", "First policy\n\nWith a body.", FIRST);
        try (JGitSource source = source(new Reference.Branch("main"))) {
            ResolvedCommit resolved = source.resolve(Optional.empty());
            assertThat(resolved.id()).isEqualTo(id(first));
            assertThat(resolved.ancestry()).isEqualTo(Ancestry.NO_PREVIOUS);
            assertThat(resolved.signer()).isEmpty();
            assertThat(resolved.commit().summary()).isEqualTo("First policy");
            assertThat(resolved.commit().author()).isEqualTo("Test Author <author@example.com>");
            assertThat(resolved.commit().time()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
            assertThat(Files.exists(temp.resolve("cache/objects"))).as("a bare copy in the cache").isTrue();

            assertThat(source.resolve(Optional.of(id(first))).ancestry()).isEqualTo(Ancestry.SAME);

            ObjectId second = remote.commit("main", "Second", FIRST.with("access/b.yaml", "kind: TrafficTarget\n"));
            ResolvedCommit next = source.resolve(Optional.of(id(first)));
            assertThat(next.id()).isEqualTo(id(second));
            assertThat(next.ancestry()).isEqualTo(Ancestry.DESCENDANT);
            assertThat(next.historyRewritten()).isFalse();
            assertThat(source.files(next.id(), PolicyPaths.WHOLE_TREE).files())
                    .extracting(SourceFile::path).containsExactly("access/a.yaml", "access/b.yaml");
        }
    }

    @Test
    void readsOnlyTheBlobsThatChangedSinceTheLastRead() throws Exception {
        Snapshot base = FIRST.with("b.yaml", "b: 1\n").with("c.yaml", "c: 1\n");
        ObjectId first = remote.commit("main", "First", base);
        ObjectId second = remote.commit("main", "Second", base.with("b.yaml", "b: 2\n"));
        try (JGitSource source = source(new Reference.Branch("main"))) {
            source.resolve(Optional.empty());
            Map<String, SourceFile> before = byPath(source.files(id(first), PolicyPaths.WHOLE_TREE));
            Map<String, SourceFile> after = byPath(source.files(id(second), PolicyPaths.WHOLE_TREE));

            assertThat(after.get("c.yaml")).isSameAs(before.get("c.yaml"));
            assertThat(after.get("access/a.yaml")).isSameAs(before.get("access/a.yaml"));
            assertThat(after.get("b.yaml")).isNotSameAs(before.get("b.yaml"));
            assertThat(new String(after.get("b.yaml").content(), UTF_8)).isEqualTo("b: 2\n");
            assertThat(byPath(source.files(id(first), PolicyPaths.WHOLE_TREE)).get("b.yaml").content())
                    .isEqualTo(before.get("b.yaml").content());
        }
    }

    @Test
    void fetchesNeverRepackAndHousekeepingBringsThePacksBackUnderTheLimit() throws Exception {
        ObjectId last = remote.commit("main", "First", FIRST);
        Path packDirectory = temp.resolve("cache/objects/pack");
        int limit = 3;
        try (JGitSource source = source(new Reference.Branch("main"))) {
            source.resolve(Optional.empty());
        }
        FileBasedConfig settings = new FileBasedConfig(temp.resolve("cache/config").toFile(), FS.DETECTED);
        settings.load();
        settings.setInt("gc", null, "autoPackLimit", limit); // JGit would repack inside the 4th fetch
        settings.save();
        try (JGitSource source = new JGitSource(GitRepositoryConfig.of(remote.url(), new Reference.Branch("main")),
                temp.resolve("cache"), Limits.DEFAULT, name -> null, limit)) {
            for (int i = 0; i < 8; i++) {
                ObjectId next = remote.commit("main", "Change " + i, FIRST.with("n.yaml", "n: " + i + "\n"));
                long before = packs(packDirectory);

                assertThat(source.resolve(Optional.of(id(last))).id()).isEqualTo(id(next));
                assertThat(packs(packDirectory)).as("a fetch adds its pack, never repacks (fetch %d)", i)
                        .isEqualTo(before + 1);

                source.maintain();
                assertThat(packs(packDirectory)).as("packs after housekeeping %d", i).isLessThanOrEqualTo(limit);
                source.maintain();
                assertThat(source.files(id(next), PolicyPaths.WHOLE_TREE).files()).as("readable after repacking")
                        .extracting(SourceFile::path).contains("n.yaml");
                last = next;
            }
        }
        settings.load();
        assertThat(settings.getInt("gc", "auto", -1)).as("JGit's own gc after a fetch is off").isZero();
        assertThat(settings.getInt("gc", "autoPackLimit", -1)).isZero();
    }

    @Test
    void reusesTheCacheAcrossInstances() throws Exception {
        ObjectId first = remote.commit("main", "First", FIRST);
        try (JGitSource source = source(new Reference.Branch("main"))) {
            source.resolve(Optional.empty());
        }
        ObjectId second = remote.commit("main", "Second", FIRST.with("b.yaml", "b: 1\n"));
        try (JGitSource restarted = source(new Reference.Branch("main"))) {
            ResolvedCommit resolved = restarted.resolve(Optional.of(id(first)));
            assertThat(resolved.id()).isEqualTo(id(second));
            assertThat(resolved.ancestry()).isEqualTo(Ancestry.DESCENDANT);
        }
    }

    @Test
    void followsTheNamedBranchOnly() throws Exception {
        ObjectId onMain = remote.commit("main", "Main", FIRST);
        ObjectId onStaging = remote.commit("staging", "Staging", FIRST.with("staging.yaml", "s: 1\n"));
        try (JGitSource main = source(new Reference.Branch("main"));
                JGitSource staging = new JGitSource(GitRepositoryConfig.of(remote.url(), new Reference.Branch("staging")),
                        temp.resolve("cache-staging"), Limits.DEFAULT)) {
            assertThat(main.resolve(Optional.empty()).id()).isEqualTo(id(onMain));
            assertThat(staging.resolve(Optional.empty()).id()).isEqualTo(id(onStaging));
        }
    }

    @Test
    void followsTheDefaultBranchByTheRemoteHead() throws Exception {
        ObjectId onMain = remote.commit("main", "Main", FIRST);
        remote.commit("other", "Other", FIRST.with("other.yaml", "o: 1\n"));
        try (JGitSource source = source(new Reference.DefaultBranch())) {
            assertThat(source.resolve(Optional.empty()).id()).isEqualTo(id(onMain));
        }
    }

    @Test
    void readsALocalPathAsWellAsAFileUrl() throws Exception {
        ObjectId first = remote.commit("main", "First", FIRST);
        GitRepositoryConfig config = GitRepositoryConfig.of(remote.directory().toString(), new Reference.Branch("main"));
        try (JGitSource source = source(config)) {
            assertThat(source.resolve(Optional.empty()).id()).isEqualTo(id(first));
        }
    }

    @Test
    void staysOnATagAndMovesWhenTheTagIsMovedByForce() throws Exception {
        ObjectId tagged = remote.commit("main", "Release", FIRST);
        remote.tag("v1", tagged);
        ObjectId later = remote.commit("main", "Later", FIRST.with("later.yaml", "l: 1\n"));
        remote.annotatedTag("v2", later);
        try (JGitSource v1 = source(new Reference.Tag("v1"))) {
            assertThat(v1.resolve(Optional.empty()).id()).isEqualTo(id(tagged));
            remote.tag("v1", later);
            ResolvedCommit moved = v1.resolve(Optional.of(id(tagged)));
            assertThat(moved.id()).isEqualTo(id(later));
            assertThat(moved.ancestry()).isEqualTo(Ancestry.DESCENDANT);
        }
        try (JGitSource v2 = new JGitSource(GitRepositoryConfig.of(remote.url(), new Reference.Tag("v2")),
                temp.resolve("cache-v2"), Limits.DEFAULT)) {
            assertThat(v2.resolve(Optional.empty()).id()).as("annotated tags are peeled").isEqualTo(id(later));
        }
    }

    @Test
    void pinsACommitByFullOrAbbreviatedId() throws Exception {
        ObjectId pinned = remote.commit("main", "Pinned", FIRST);
        remote.commit("main", "Later", FIRST.with("later.yaml", "l: 1\n"));
        try (JGitSource full = source(new Reference.Pinned(pinned.name()))) {
            assertThat(full.resolve(Optional.empty()).id()).isEqualTo(id(pinned));
        }
        try (JGitSource abbreviated = source(new Reference.Pinned(pinned.name().substring(0, 10)))) {
            assertThat(abbreviated.resolve(Optional.empty()).id()).isEqualTo(id(pinned));
        }
    }

    @Test
    void reportsAForcePushAsHistoryRewritten() throws Exception {
        ObjectId base = remote.commit("main", "Base", FIRST);
        ObjectId applied = remote.commit("main", "Applied", FIRST.with("b.yaml", "b: 1\n"));
        try (JGitSource source = source(new Reference.Branch("main"))) {
            assertThat(source.resolve(Optional.empty()).id()).isEqualTo(id(applied));
            remote.forceBranch("main", base);
            ObjectId rewritten = remote.commit("main", "Rewritten", FIRST.with("c.yaml", "c: 1\n"));
            ResolvedCommit resolved = source.resolve(Optional.of(id(applied)));
            assertThat(resolved.id()).isEqualTo(id(rewritten));
            assertThat(resolved.ancestry()).isEqualTo(Ancestry.NOT_DESCENDANT);
            assertThat(resolved.historyRewritten()).isTrue();
        }
    }

    @Test
    void reportsAForcePushEvenWhenTheOldCommitWasNeverFetched() throws Exception {
        remote.commit("main", "Base", FIRST);
        ObjectId current = remote.commit("main", "Current", FIRST.with("b.yaml", "b: 1\n"));
        CommitId unknown = new CommitId("0123456789abcdef0123456789abcdef01234567");
        try (JGitSource source = source(new Reference.Branch("main"))) {
            ResolvedCommit resolved = source.resolve(Optional.of(unknown));
            assertThat(resolved.id()).isEqualTo(id(current));
            assertThat(resolved.ancestry()).isEqualTo(Ancestry.NOT_DESCENDANT);
        }
    }

    @Test
    void aMissingBranchTagOrCommitIsForTheUserToFix() throws Exception {
        remote.commit("main", "First", FIRST);
        for (Reference missing : new Reference[] {new Reference.Branch("nope"), new Reference.Tag("v9"),
                new Reference.Pinned("0123456789")}) {
            try (JGitSource source = source(missing)) {
                assertThatThrownBy(() -> source.resolve(Optional.empty()))
                        .isInstanceOfSatisfying(GitSourceException.class, e -> {
                            assertThat(e.kind()).isEqualTo(GitSourceException.Kind.USER_MUST_FIX);
                            assertThat(e.getMessage()).contains(remote.url());
                        })
                        .hasMessageContaining(missing instanceof Reference.Pinned ? "commit 0123456789" : missing.toString());
            }
        }
    }

    @Test
    void aBranchDeletedOnTheRemoteIsGoneAfterTheNextFetch() throws Exception {
        remote.commit("main", "First", FIRST);
        remote.commit("feature", "Feature", FIRST);
        try (JGitSource source = source(new Reference.Branch("feature"))) {
            source.resolve(Optional.empty());
            var update = remote.repository().updateRef("refs/heads/feature");
            update.setForceUpdate(true);
            update.delete();
            assertThatThrownBy(() -> source.resolve(Optional.empty()))
                    .hasMessageContaining("branch feature does not exist");
        }
    }

    @Test
    void aPathWithNoRepositoryIsForTheUserToFix() {
        GitRepositoryConfig config = GitRepositoryConfig.of(temp.resolve("missing.git").toUri().toString(),
                new Reference.Branch("main"));
        try (JGitSource source = source(config)) {
            assertThatThrownBy(() -> source.resolve(Optional.empty()))
                    .isInstanceOfSatisfying(GitSourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(GitSourceException.Kind.USER_MUST_FIX))
                    .hasMessageContaining("no git repository there");
        }
    }

    @Test
    void refusesACacheDirectoryThatHoldsSomethingElse() throws Exception {
        remote.commit("main", "First", FIRST);
        Files.createDirectories(temp.resolve("cache"));
        Files.writeString(temp.resolve("cache/notes.txt"), "mine\n");
        try (JGitSource source = source(new Reference.Branch("main"))) {
            assertThatThrownBy(() -> source.resolve(Optional.empty()))
                    .hasMessageContaining("holds files but no git repository");
        }
        assertThat(temp.resolve("cache/notes.txt")).hasContent("mine");
    }

    @Test
    void readsOnlyPolicyFilesUnderTheGivenPathsAndSkipsDotFolders() throws Exception {
        ObjectId commit = remote.commit("main", "Tree", Snapshot.of(
                "mesh/access/a.yaml", "a: 1\n",
                "mesh/split/b.yml", "b: 1\n",
                "mesh/notes.txt", "not policy\n",
                "mesh/.drafts/c.yaml", "c: 1\n",
                "other/d.yaml", "d: 1\n",
                ".github/workflows/ci.yaml", "on: push\n",
                ".gitmesh/policy/e.yaml", "e: 1\n",
                "f.yaml", "f: 1\n"));
        try (JGitSource source = source(new Reference.Branch("main"))) {
            source.resolve(Optional.empty());
            assertThat(paths(source.files(id(commit), PolicyPaths.WHOLE_TREE)))
                    .containsExactly("f.yaml", "mesh/access/a.yaml", "mesh/split/b.yml", "other/d.yaml");
            assertThat(paths(source.files(id(commit), PolicyPaths.of("mesh"))))
                    .containsExactly("mesh/access/a.yaml", "mesh/split/b.yml");
            assertThat(paths(source.files(id(commit), PolicyPaths.of("mesh/split/", "f.yaml"))))
                    .containsExactly("f.yaml", "mesh/split/b.yml");
            assertThat(paths(source.files(id(commit), PolicyPaths.of(".gitmesh/policy"))))
                    .as("a dot-folder named as a path is read").containsExactly(".gitmesh/policy/e.yaml");
            SourceFile a = source.files(id(commit), PolicyPaths.of("mesh/access")).files().getFirst();
            assertThat(new String(a.content(), UTF_8)).isEqualTo("a: 1\n");
        }
    }

    @Test
    void namesSymbolicLinksAndSubmodulesWithoutFollowingThem() throws Exception {
        ObjectId other = remote.commit("elsewhere", "Elsewhere", Snapshot.of("x.yaml", "x: 1\n"));
        ObjectId commit = remote.commit("main", "Links", Snapshot.of("real.yaml", "a: 1\n")
                .symbolicLink("link.yaml", "/etc/passwd")
                .symbolicLink("linked-dir", "../outside")
                .submodule("vendor/policies", other));
        try (JGitSource source = source(new Reference.Branch("main"))) {
            source.resolve(Optional.empty());
            SourceFiles read = source.files(id(commit), PolicyPaths.WHOLE_TREE);
            assertThat(paths(read)).containsExactly("real.yaml");
            assertThat(read.diagnostics()).allSatisfy(d -> assertThat(d.severity()).isEqualTo(Severity.INFO));
            assertThat(read.diagnostics()).extracting(Diagnostic::file, Diagnostic::message).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("link.yaml", "symbolic link not followed (policy repositories are read without following links)"),
                    org.assertj.core.groups.Tuple.tuple("linked-dir", "symbolic link not followed (policy repositories are read without following links)"),
                    org.assertj.core.groups.Tuple.tuple("vendor/policies", "submodule not read (policy is read from this repository only; copy the files in to use them)"));
        }
    }

    @Test
    void reportsAFileOverTheSizeLimitWithoutReadingIt() throws Exception {
        ObjectId commit = remote.commit("main", "Big", Snapshot.of("big.yaml", "a: " + "x".repeat(200) + "\n",
                "small.yaml", "a: 1\n"));
        Limits limits = new Limits(100, 10, 10, 10, 1000);
        try (JGitSource source = new JGitSource(GitRepositoryConfig.of(remote.url(), new Reference.Branch("main")),
                temp.resolve("cache"), limits)) {
            source.resolve(Optional.empty());
            SourceFiles read = source.files(id(commit), PolicyPaths.WHOLE_TREE);
            assertThat(paths(read)).containsExactly("small.yaml");
            assertThat(read.diagnostics()).containsExactly(limits.fileTooLarge("big.yaml", 204));
        }
    }

    @Test
    void refusesToReadMoreThanTheTotalLimit() throws Exception {
        ObjectId commit = remote.commit("main", "Many", Snapshot.of("a.yaml", "a: " + "x".repeat(60) + "\n",
                "b.yaml", "b: " + "x".repeat(60) + "\n"));
        GitRepositoryConfig config = GitRepositoryConfig.of(remote.url(), new Reference.Branch("main")).withMaxTotalBytes(100);
        try (JGitSource source = source(config)) {
            source.resolve(Optional.empty());
            assertThatThrownBy(() -> source.files(id(commit), PolicyPaths.WHOLE_TREE))
                    .isInstanceOfSatisfying(GitSourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(GitSourceException.Kind.USER_MUST_FIX))
                    .hasMessage("the policy files of commit " + commit.name().substring(0, 7) + " add up to more than"
                            + " 100 bytes (the limit on the total read); narrow the policy paths or raise the limit");
            assertThat(paths(source.files(id(commit), PolicyPaths.of("a.yaml")))).containsExactly("a.yaml");
        }
    }

    @Test
    void aCommitNotInTheCopyIsForTheUserToFix() throws Exception {
        remote.commit("main", "First", FIRST);
        try (JGitSource source = source(new Reference.Branch("main"))) {
            source.resolve(Optional.empty());
            assertThatThrownBy(() -> source.files(new CommitId("0123456789abcdef0123456789abcdef01234567"),
                    PolicyPaths.WHOLE_TREE)).hasMessage("commit 0123456 is not in " + remote.url());
        }
    }

    private static long packs(Path directory) throws java.io.IOException {
        try (var files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".pack")).count();
        }
    }

    private static Map<String, SourceFile> byPath(SourceFiles files) {
        return files.files().stream().collect(Collectors.toMap(SourceFile::path, file -> file));
    }

    private static java.util.List<String> paths(SourceFiles files) {
        return files.files().stream().map(SourceFile::path).toList();
    }
}
