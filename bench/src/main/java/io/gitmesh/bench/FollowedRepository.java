package io.gitmesh.bench;

import io.gitmesh.reconciler.compile.ClusterInput;
import io.gitmesh.reconciler.compile.ParseCache;
import io.gitmesh.reconciler.compile.RevisionCompiler;
import io.gitmesh.reconciler.git.JGitSource;
import io.gitmesh.reconciler.loop.MeshSink;
import io.gitmesh.reconciler.loop.Reconciler;
import io.gitmesh.reconciler.source.GitRepositoryConfig;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.reconciler.source.Reference;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import io.gitmesh.xds.override.OverrideCheck;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The generated policy of {@code services} services ({@link SyntheticRepository}) in a git repository
 * in a scratch directory, followed by a {@link JGitSource} over {@code file://} with its own cache, as
 * {@code gitmesh run --repo file://...} would follow it. Edits are commits that move TrafficSplit
 * weights.
 */
final class FollowedRepository implements AutoCloseable {
    /** No cluster-state input: the repository holds the Services, ServiceAccounts and Deployments. */
    static final SourceFiles NO_CLUSTER_STATE = new SourceFiles(List.of(), List.of());

    private final ScratchDirectory scratch;
    private final PolicyGitRepository repository;
    private final JGitSource source;
    private final int[] splitServices;
    private final int[] canaryPercents;
    private int nextSplit;

    private FollowedRepository(int services) {
        scratch = ScratchDirectory.create("gitmesh-bench-");
        repository = PolicyGitRepository.create(scratch.resolve("policy"), SyntheticRepository.generate(services));
        source = new JGitSource(GitRepositoryConfig.of(repository.url(), new Reference.Branch(PolicyGitRepository.BRANCH)),
                scratch.resolve("cache"), Limits.DEFAULT);
        splitServices = IntStream.range(0, services).filter(SyntheticRepository::hasSplit).toArray();
        canaryPercents = new int[splitServices.length];
        Arrays.fill(canaryPercents, SyntheticRepository.INITIAL_CANARY_PERCENT);
    }

    static FollowedRepository create(int services) {
        return new FollowedRepository(services);
    }

    /** The revision pipeline as {@code gitmesh run} builds it: a parse cache and the Envoy override check. */
    static RevisionCompiler runCompiler() {
        return new RevisionCompiler(Limits.DEFAULT, new ParseCache(), List.of(new OverrideCheck()));
    }

    JGitSource source() {
        return source;
    }

    /** A reconciler following the repository, publishing to {@code sink}, with no cluster-state input. */
    Reconciler reconciler(RevisionCompiler compiler, MeshSink sink) {
        return new Reconciler(source, PolicyPaths.WHOLE_TREE, () -> new ClusterInput.Files(NO_CLUSTER_STATE), compiler, sink,
                Clock.systemUTC(), new SimpleMeterRegistry());
    }

    /**
     * Commits new canary percentages for the splits of {@code files} services, taking the services with
     * a split in turn, so that successive commits change different files and every file changes.
     */
    RevCommit commitSplitChanges(int files) {
        if (files < 1 || files > splitServices.length) {
            throw new IllegalArgumentException("between 1 and " + splitServices.length + " files, not " + files);
        }
        List<SourceFile> changed = new ArrayList<>(files);
        for (int n = 0; n < files; n++) {
            int split = nextSplit;
            nextSplit = (nextSplit + 1) % splitServices.length;
            canaryPercents[split] = canaryPercents[split] % 99 + 1;
            changed.add(SyntheticRepository.withCanaryPercent(splitServices[split], canaryPercents[split]));
        }
        return repository.commit(changed, "move " + files + " canaries");
    }

    /**
     * Commits and fetches {@code commits} times ({@value ReloadBenchmark#CHANGED_FILES} changed files
     * each): the source's cache then holds what it holds in a control plane that has followed that
     * many commits (each fetch adds a pack; JGit's automatic gc acts on their number).
     */
    void followCommits(int commits) {
        for (int n = 0; n < commits; n++) {
            commitSplitChanges(ReloadBenchmark.CHANGED_FILES);
            try {
                source.resolve(Optional.empty());
            } catch (GitSourceException e) {
                throw new IllegalStateException("cannot fetch from " + repository.url() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Commits {@code files} as they are given. */
    RevCommit commit(List<SourceFile> files, String message) {
        return repository.commit(files, message);
    }

    @Override
    public void close() {
        source.close();
        repository.close();
        scratch.close();
    }
}
