package io.gitmesh.reconciler.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.reconciler.gittest.TestRemote;
import io.gitmesh.reconciler.gittest.TestRemote.Snapshot;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.reconciler.source.GitRepositoryConfig;
import io.gitmesh.reconciler.source.PathChange;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.reconciler.source.Reference;
import io.gitmesh.schema.Limits;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangedPathsTest {
    /** Long enough for rename detection to see a renamed file as similar. */
    private static final String SERVICE = """
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: bookstore, namespace: bookstore}
            spec:
              destination: {kind: ServiceAccount, name: bookstore, namespace: bookstore}
              sources: [{kind: ServiceAccount, name: bookbuyer, namespace: bookbuyer}]
            """;

    @TempDir
    Path temp;

    @Test
    void listsAddedModifiedDeletedAndRenamedPolicyFilesUnderThePaths() throws Exception {
        try (TestRemote remote = TestRemote.create(temp.resolve("remote.git"))) {
            ObjectId before = remote.commit("main", "Before", Snapshot.of(
                    "mesh/keep.yaml", "k: 1\n",
                    "mesh/change.yaml", "c: 1\n",
                    "mesh/gone.yaml", "g: 1\n",
                    "mesh/old-name.yaml", SERVICE,
                    "mesh/notes.md", "# notes\n",
                    "mesh/.drafts/d.yaml", "d: 1\n",
                    "elsewhere/e.yaml", "e: 1\n"));
            ObjectId after = remote.commit("main", "After", Snapshot.of(
                    "mesh/keep.yaml", "k: 1\n",
                    "mesh/change.yaml", "c: 2\n",
                    "mesh/new-name.yaml", SERVICE,
                    "mesh/added.yml", "a: 1\n",
                    "mesh/notes.md", "# more notes\n",
                    "mesh/.drafts/d.yaml", "d: 2\n",
                    "elsewhere/e.yaml", "e: 2\n"));
            try (JGitSource source = new JGitSource(GitRepositoryConfig.of(remote.url(), new Reference.Branch("main")),
                    temp.resolve("cache"), Limits.DEFAULT)) {
                source.resolve(Optional.empty());
                CommitId from = new CommitId(before.name());
                CommitId to = new CommitId(after.name());
                assertThat(source.changedPaths(from, to, PolicyPaths.of("mesh"))).containsExactly(
                        PathChange.added("mesh/added.yml"),
                        PathChange.modified("mesh/change.yaml"),
                        PathChange.deleted("mesh/gone.yaml"),
                        PathChange.renamed("mesh/old-name.yaml", "mesh/new-name.yaml"));
                assertThat(source.changedPaths(from, to, PolicyPaths.WHOLE_TREE)).extracting(PathChange::path)
                        .containsExactly("elsewhere/e.yaml", "mesh/added.yml", "mesh/change.yaml", "mesh/gone.yaml",
                                "mesh/new-name.yaml");
                assertThat(source.changedPaths(from, from, PolicyPaths.WHOLE_TREE)).isEmpty();
            }
        }
    }

    @Test
    void aRenameIntoOrOutOfThePolicyFilesIsAnAdditionOrADeletion() throws Exception {
        try (TestRemote remote = TestRemote.create(temp.resolve("remote.git"))) {
            String draft = """
                    apiVersion: split.smi-spec.io/v1alpha4
                    kind: TrafficSplit
                    metadata: {name: warehouse-split, namespace: inventory}
                    spec: {service: warehouse, backends: [{service: warehouse-v1, weight: 100}]}
                    """;
            ObjectId before = remote.commit("main", "Before", Snapshot.of("policy/in.yaml", SERVICE, "draft.txt", draft));
            ObjectId after = remote.commit("main", "After", Snapshot.of("archive/in.yaml", SERVICE, "policy/draft.yaml", draft));
            try (JGitSource source = new JGitSource(GitRepositoryConfig.of(remote.url(), new Reference.Branch("main")),
                    temp.resolve("cache"), Limits.DEFAULT)) {
                source.resolve(Optional.empty());
                assertThat(source.changedPaths(new CommitId(before.name()), new CommitId(after.name()),
                        PolicyPaths.of("policy"))).containsExactly(
                                PathChange.added("policy/draft.yaml"), PathChange.deleted("policy/in.yaml"));
            }
        }
    }
}
