package io.gitmesh.reconciler.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gitmesh.reconciler.ShopFixtures;
import io.gitmesh.reconciler.compile.ClusterInput;
import io.gitmesh.reconciler.compile.ParseCache;
import io.gitmesh.reconciler.compile.RevisionCompiler;
import io.gitmesh.reconciler.git.JGitSource;
import io.gitmesh.reconciler.gittest.TestRemote;
import io.gitmesh.reconciler.gittest.TestRemote.Snapshot;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.reconciler.source.GitRepositoryConfig;
import io.gitmesh.reconciler.source.GitSource;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.PathChange;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.reconciler.source.Reference;
import io.gitmesh.reconciler.source.ResolvedCommit;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reconcile passes over a real git repository: last-known-good, refusals, force pushes, source failures. */
class ReconcilerTest {
    private static final String CLUSTER = ShopFixtures.CLUSTER;
    private static final String ROUTES = ShopFixtures.ROUTES;
    private static final String TARGET = """
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: web, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: web, namespace: shop}
              sources: [{kind: ServiceAccount, name: client, namespace: shop}]
              rules: [{kind: HTTPRouteGroup, name: routes, matches: [read]}]
            """;
    private static final Snapshot GOOD = Snapshot.of("cluster.yaml", CLUSTER, "policy/routes.yaml", ROUTES,
            "policy/target.yaml", TARGET);

    @TempDir
    Path tmp;
    private TestRemote remote;
    private JGitSource source;
    private final List<AppliedRevision> published = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() {
        remote = TestRemote.create(tmp.resolve("remote"));
        source = new JGitSource(GitRepositoryConfig.of(remote.url(), new Reference.Branch("main")),
                tmp.resolve("cache"), Limits.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        source.close();
        remote.close();
    }

    private Reconciler reconciler(GitSource gitSource) {
        return new Reconciler(gitSource, PolicyPaths.WHOLE_TREE, () -> ClusterInput.NONE,
                new RevisionCompiler(Limits.DEFAULT, new ParseCache(), List.of()), published::add, Clock.systemUTC(), meters);
    }

    @Test
    void appliesAGoodCommitOnceAndReportsNothingNewAfterwards() {
        ObjectId a = remote.commit("main", "A", GOOD);
        Reconciler reconciler = reconciler(source);

        assertThat(reconciler.reconcile()).isInstanceOf(Outcome.Applied.class);
        assertThat(reconciler.reconcile()).isInstanceOf(Outcome.Unchanged.class);

        assertThat(published).singleElement().satisfies(r -> {
            assertThat(r.commit().id().hex()).isEqualTo(a.name());
            assertThat(r.mesh().services()).isNotEmpty();
        });
        assertThat(reconciler.status().ready()).isTrue();
        assertThat(meters.counter("gitmesh.reconcile", "outcome", "applied").count()).isEqualTo(1);
    }

    @Test
    void theSourcesHousekeepingRunsAfterEachPassOnceItsRevisionIsPublished() {
        remote.commit("main", "A", GOOD);
        List<String> events = new CopyOnWriteArrayList<>();
        GitSource tidied = new Unreachable(source) {
            @Override
            public void maintain() {
                events.add("maintain after " + published.size() + " published");
            }
        };
        Reconciler reconciler = reconciler(tidied);

        reconciler.reconcile();
        reconciler.reconcile();
        reconciler.reconcileClusterChange();

        assertThat(events).containsExactly("maintain after 1 published", "maintain after 1 published");
    }

    @Test
    void aBadCommitIsRefusedWithItsDiagnosticsAndTheLastGoodStaysServed() {
        ObjectId a = remote.commit("main", "A", GOOD);
        Reconciler reconciler = reconciler(source);
        reconciler.reconcile();
        ObjectId b = remote.commit("main", "B: broken regex", GOOD.with("policy/routes.yaml",
                ROUTES.replace("pathRegex: /items", "pathRegex: \"(\"")));

        Outcome outcome = reconciler.reconcile();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, refused -> {
            assertThat(refused.commit().id().hex()).isEqualTo(b.name());
            assertThat(refused.errors()).singleElement().satisfies(d -> {
                assertThat(d.file()).isEqualTo("policy/routes.yaml");
                assertThat(d.line()).isEqualTo(7);
                assertThat(d.message()).contains("RE2");
            });
        });
        assertThat(published).hasSize(1);
        ReconcileStatus status = reconciler.status();
        assertThat(status.lastApplied()).hasValueSatisfying(c -> assertThat(c.id().hex()).isEqualTo(a.name()));
        assertThat(status.lastFetched()).hasValueSatisfying(c -> assertThat(c.id().hex()).isEqualTo(b.name()));
        assertThat(reconciler.reconcile()).as("the same bad commit stays refused without recompiling")
                .isInstanceOf(Outcome.Refused.class);

        remote.commit("main", "C: fixed", GOOD);
        assertThat(reconciler.reconcile()).isInstanceOf(Outcome.Applied.class);
        assertThat(published).hasSize(2);
    }

    static Stream<Arguments> badCommits() {
        return Stream.of(
                Arguments.of("schema error", "policy/routes.yaml", ROUTES.replace("methods: [GET]", "methods: [FETCH]"),
                        "policy/routes.yaml", 8),
                Arguments.of("broken reference", "policy/target.yaml", TARGET.replace("name: routes", "name: nowhere"),
                        "policy/target.yaml", 7),
                Arguments.of("bad regex", "policy/routes.yaml", ROUTES.replace("pathRegex: /items",
                        "pathRegex: \"/(?!admin)\""), "policy/routes.yaml", 7),
                Arguments.of("unparseable YAML", "policy/routes.yaml", "kind: [unclosed\n", "policy/routes.yaml", 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommits")
    void everyKindOfBadCommitIsRefusedAndTheNextGoodOneApplied(String name, String path, String text, String file,
            int line) {
        ObjectId a = remote.commit("main", "A", GOOD);
        Reconciler reconciler = reconciler(source);
        reconciler.reconcile();
        remote.commit("main", "bad: " + name, GOOD.with(path, text));

        assertThat(reconciler.reconcile()).isInstanceOfSatisfying(Outcome.Refused.class, refused ->
                assertThat(refused.errors()).anySatisfy(d -> {
                    assertThat(d.file()).isEqualTo(file);
                    assertThat(d.line()).isEqualTo(line);
                }));
        assertThat(reconciler.status().lastApplied()).hasValueSatisfying(c -> assertThat(c.id().hex())
                .isEqualTo(a.name()));
        assertThat(published).hasSize(1);

        remote.commit("main", "good again", GOOD.with("policy/more.yaml", ROUTES.replace("name: routes", "name: more")));
        assertThat(reconciler.reconcile()).isInstanceOf(Outcome.Applied.class);
        assertThat(published).hasSize(2);
    }

    @Test
    void aForcePushIsFollowedWithAWarningInTheStatus() {
        ObjectId a = remote.commit("main", "A", GOOD);
        Reconciler reconciler = reconciler(source);
        remote.commit("main", "B", GOOD.with("policy/extra.yaml", ROUTES.replace("name: routes", "name: more")));
        reconciler.reconcile();
        remote.forceBranch("main", a);
        remote.commit("main", "B'", GOOD.with("policy/other.yaml", ROUTES.replace("name: routes", "name: other")));

        assertThat(reconciler.reconcile()).isInstanceOf(Outcome.Applied.class);
        assertThat(reconciler.status().historyRewritten()).isTrue();
    }

    @Test
    void anUnreachableSourceChangesNothingThatIsServed() {
        remote.commit("main", "A", GOOD);
        Unreachable flaky = new Unreachable(source);
        Reconciler reconciler = reconciler(flaky);
        reconciler.reconcile();
        flaky.down = true;

        assertThat(reconciler.reconcile()).isEqualTo(new Outcome.SourceFailed(true, "host unreachable"));

        assertThat(published).hasSize(1);
        assertThat(reconciler.status().ready()).isTrue();
        assertThat(reconciler.status().lastOutcome()).containsInstanceOf(Outcome.SourceFailed.class);
    }

    @Test
    void theLoopRunsAtStartAndOnEveryTrigger() {
        remote.commit("main", "A", GOOD);
        Reconciler reconciler = reconciler(source);
        try (ReconcileLoop loop = new ReconcileLoop(reconciler, Duration.ofHours(1), 0.1, RandomGenerator.of("L64X128MixRandom"))) {
            loop.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> published.size() == 1);
            remote.commit("main", "B", GOOD.with("policy/extra.yaml", ROUTES.replace("name: routes", "name: more")));
            loop.trigger();
            await().atMost(Duration.ofSeconds(20)).until(() -> published.size() == 2);
        }
        assertThat(reconciler.status().passes()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void pollDelaysStayWithinTheJitter() {
        ReconcileLoop loop = new ReconcileLoop(reconciler(source), Duration.ofSeconds(15), 0.2,
                RandomGenerator.of("L64X128MixRandom"));
        for (int i = 0; i < 100; i++) {
            assertThat(loop.nextDelay()).isBetween(Duration.ofSeconds(12), Duration.ofSeconds(18));
        }
    }

    /** A source whose host goes away: every call fails as a transient error while {@link #down}. */
    private static class Unreachable implements GitSource {
        private final GitSource real;
        volatile boolean down;

        Unreachable(GitSource real) {
            this.real = real;
        }

        @Override
        public ResolvedCommit resolve(Optional<CommitId> lastApplied) throws GitSourceException {
            check();
            return real.resolve(lastApplied);
        }

        @Override
        public SourceFiles files(CommitId commit, PolicyPaths paths) throws GitSourceException {
            check();
            return real.files(commit, paths);
        }

        @Override
        public List<PathChange> changedPaths(CommitId from, CommitId to, PolicyPaths paths)
                throws GitSourceException {
            check();
            return real.changedPaths(from, to, paths);
        }

        private void check() throws GitSourceException {
            if (down) {
                throw GitSourceException.transientFailure("host unreachable");
            }
        }
    }
}
