package io.gitmesh.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.reconciler.loop.AppliedRevision;
import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.loop.Reconciler;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.reconciler.source.PathChange;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.SourceFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fixtures the reload benchmarks and the push harness stand on do what those claim. */
class FollowedRepositoryTest {
    private static final int SERVICES = 100;

    @Test
    void eachEditCommitsTheAskedNumberOfChangedFilesAndStaysValid() throws Exception {
        try (FollowedRepository repository = FollowedRepository.create(SERVICES)) {
            List<AppliedRevision> applied = new ArrayList<>();
            Reconciler reconciler = repository.reconciler(FollowedRepository.runCompiler(), applied::add);
            assertThat(reconciler.reconcile()).isInstanceOf(Outcome.Applied.class);
            CommitId first = applied.getLast().commit().id();

            repository.commitSplitChanges(ReloadBenchmark.CHANGED_FILES);

            assertThat(reconciler.reconcile()).isInstanceOf(Outcome.Applied.class);
            CommitId second = applied.getLast().commit().id();
            assertThat(repository.source().changedPaths(first, second, PolicyPaths.WHOLE_TREE))
                    .hasSize(ReloadBenchmark.CHANGED_FILES)
                    .allSatisfy(change -> assertThat(change.kind()).isEqualTo(PathChange.Kind.MODIFIED));
            assertThat(applied.getLast().mesh().services()).hasSize(applied.getFirst().mesh().services().size());
        }
    }

    @Test
    void aPollWithNothingNewIsUnchanged() {
        try (FollowedRepository repository = FollowedRepository.create(SERVICES)) {
            Reconciler reconciler = repository.reconciler(FollowedRepository.runCompiler(), revision -> { });
            reconciler.reconcile();
            assertThat(reconciler.reconcile()).isInstanceOf(Outcome.Unchanged.class);
        }
    }

    @Test
    void followedCommitsAreInTheSource() throws Exception {
        try (FollowedRepository repository = FollowedRepository.create(SERVICES)) {
            repository.followCommits(3);
            CommitId head = repository.source().resolve(Optional.empty()).commit().id();
            SourceFiles files = repository.source().files(head, PolicyPaths.WHOLE_TREE);
            // 10 services of 100 have a split, so 3 commits of 10 files move each canary three times: 10 % -> 13 %
            assertThat(files.files()).hasSize(SERVICES + 1)
                    .filteredOn(file -> file.path().equals(SyntheticRepository.path(0))).singleElement()
                    .satisfies(file -> assertThat(new String(file.content(), UTF_8)).contains("weight: 13}"));
        }
    }

    @Test
    void onlyServicesWithASplitHaveACanaryToMove() {
        assertThat(SyntheticRepository.withCanaryPercent(10, 50).path()).isEqualTo("team-0/svc-10.yaml");
        assertThatThrownBy(() -> SyntheticRepository.withCanaryPercent(11, 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no TrafficSplit");
    }
}
