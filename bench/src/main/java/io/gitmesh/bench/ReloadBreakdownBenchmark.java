package io.gitmesh.bench;

import io.gitmesh.model.Mesh;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.compile.MeshCompiler;
import io.gitmesh.reconciler.compile.CompiledRevision;
import io.gitmesh.reconciler.compile.RevisionCompiler;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.schema.CheckedPolicy;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.FileRead;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import io.gitmesh.schema.check.PolicyChecker;
import io.gitmesh.xds.override.OverrideCheck;
import io.gitmesh.xds.translate.ProxyConfigs;
import io.gitmesh.xds.translate.TranslateOptions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where an incremental reload ({@link ReloadBenchmark}) spends its time: each step of a pass over the
 * same repository, on its own, through the public APIs the pass calls. In pass order:
 * {@code resolveNewCommit} (fetch a commit of 10 changed files and resolve the branch),
 * {@code readAllFiles} (the source reads every policy file of the commit), {@code compileUnchanged}
 * (the whole {@code RevisionCompiler.compile} of the revision it compiled last: digests and look-ups,
 * then nothing more, since it keeps the last cluster state, checks and mesh), {@code sha256EveryFile} (the digests alone, as the cache computes
 * them), {@code parseTenFiles} (what the cache misses in an incremental pass; one thread here, the
 * pass parses in parallel), {@code combine}, {@code clusterState}, {@code check}
 * (schema-checked documents against each other and the cluster), {@code overrideCheck},
 * {@code compileMesh}, and, after the pass, {@code translate} (every identity × flavour to xDS from
 * scratch). What a pass does now: {@code compileTenChanged} (the compiler when 10 files changed since
 * its last revision) and {@code retranslateTenChanged} (every group given the last revision's
 * translation, what {@code gitmesh run} publishes). Run: {@code bench/run ReloadBreakdownBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
public class ReloadBreakdownBenchmark {
    @Param({"2000"})
    public int services;

    private final PolicyReader reader = new PolicyReader(Limits.DEFAULT);
    private final PolicyChecker checker = new PolicyChecker();
    private final OverrideCheck overrides = new OverrideCheck();
    private final MeshCompiler meshCompiler = new MeshCompiler();
    private final ProxyConfigs proxyConfigs = new ProxyConfigs();
    private final RevisionCompiler warmCompiler = FollowedRepository.runCompiler();

    private FollowedRepository repository;
    private CommitId head;
    private SourceFiles files;
    private List<SourceFile> tenChanged;
    private List<FileRead> reads;
    private PolicyRead read;
    private ClusterState cluster;
    private CheckedPolicy checked;
    private Mesh mesh;
    private final RevisionCompiler alternatingCompiler = FollowedRepository.runCompiler();
    private SourceFiles tenChangedFiles;
    private boolean changedNext;
    private Mesh tenChangedMesh;
    private ProxyConfigs.Result translated;

    @Setup(Level.Trial)
    public void prepare() throws GitSourceException {
        repository = FollowedRepository.create(services);
        head = repository.source().resolve(Optional.empty()).commit().id();
        files = repository.source().files(head, PolicyPaths.WHOLE_TREE);
        tenChanged = IntStream.range(0, services).filter(SyntheticRepository::hasSplit)
                .limit(ReloadBenchmark.CHANGED_FILES).mapToObj(i -> SyntheticRepository.withCanaryPercent(i, 50))
                .toList();
        CompiledRevision first = warmCompiler.compile(files, FollowedRepository.NO_CLUSTER_STATE);
        if (!first.valid()) {
            throw new IllegalStateException("the generated repository is invalid: " + first.diagnostics().getFirst());
        }
        reads = files.files().stream().map(reader::readFile).toList();
        read = reader.combine(reads);
        cluster = ClusterState.of(read.clusterObjects());
        checked = checker.check(read, cluster);
        mesh = meshCompiler.compile(checked.policies(), cluster);
        Map<String, SourceFile> changedByPath = tenChanged.stream()
                .collect(Collectors.toMap(SourceFile::path, file -> file));
        tenChangedFiles = new SourceFiles(files.files().stream()
                .map(file -> changedByPath.getOrDefault(file.path(), file)).toList(), files.diagnostics());
        alternatingCompiler.compile(files, FollowedRepository.NO_CLUSTER_STATE);
        tenChangedMesh = new RevisionCompiler(Limits.DEFAULT).compile(tenChangedFiles,
                FollowedRepository.NO_CLUSTER_STATE).mesh().orElseThrow();
        translated = translate();
    }

    @TearDown(Level.Trial)
    public void close() {
        repository.close();
    }

    /**
     * A repository whose source has resolved its last commit, after {@code earlierCommits} others
     * (as in {@link ReloadBenchmark.Followed}); a commit of 10 files before each iteration.
     */
    @State(Scope.Benchmark)
    public static class NewCommit {
        @Param({"2000"})
        public int services;
        @Param({"0", "60"})
        public int earlierCommits;
        private FollowedRepository repository;
        private CommitId resolved;

        @Setup(Level.Trial)
        public void create() throws GitSourceException {
            repository = FollowedRepository.create(services);
            repository.followCommits(earlierCommits);
            resolved = repository.source().resolve(Optional.empty()).commit().id();
        }

        @Setup(Level.Iteration)
        public void commit() {
            repository.commitSplitChanges(ReloadBenchmark.CHANGED_FILES);
        }

        @TearDown(Level.Trial)
        public void close() {
            repository.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = ReloadBenchmark.WARMUP_PASSES)
    @Measurement(iterations = ReloadBenchmark.MEASURED_PASSES)
    public CommitId resolveNewCommit(NewCommit state) throws GitSourceException {
        state.resolved = state.repository.source().resolve(Optional.of(state.resolved)).commit().id();
        return state.resolved;
    }

    @Benchmark
    public SourceFiles readAllFiles() throws GitSourceException {
        return repository.source().files(head, PolicyPaths.WHOLE_TREE);
    }

    @Benchmark
    public CompiledRevision compileUnchanged() {
        return warmCompiler.compile(files, FollowedRepository.NO_CLUSTER_STATE);
    }

    /** An incremental compile: each call changes the same 10 files back or forth, so it parses 10 files. */
    @Benchmark
    public CompiledRevision compileTenChanged() {
        changedNext = !changedNext;
        return alternatingCompiler.compile(changedNext ? tenChangedFiles : files, FollowedRepository.NO_CLUSTER_STATE);
    }

    @Benchmark
    public List<byte[]> sha256EveryFile() {
        return files.files().parallelStream().map(file -> sha256().digest(file.content())).toList();
    }

    @Benchmark
    public List<FileRead> parseTenFiles() {
        return tenChanged.stream().map(reader::readFile).toList();
    }

    @Benchmark
    public PolicyRead combine() {
        return reader.combine(reads);
    }

    @Benchmark
    public ClusterState clusterState() {
        return ClusterState.of(read.clusterObjects());
    }

    @Benchmark
    public CheckedPolicy check() {
        return checker.check(read, cluster);
    }

    @Benchmark
    public List<Diagnostic> overrideCheck() {
        return overrides.check(checked.policies());
    }

    @Benchmark
    public Mesh compileMesh() {
        return meshCompiler.compile(checked.policies(), cluster);
    }

    @Benchmark
    public ProxyConfigs.Result translate() {
        return proxyConfigs.build(mesh, cluster, List.of(), TranslateOptions.insecurePlaintextGrpc());
    }

    /** Every group of the mesh with 10 splits changed, given the translation of the mesh before: what a pass does. */
    @Benchmark
    public ProxyConfigs.Result retranslateTenChanged() {
        return proxyConfigs.build(tenChangedMesh, cluster, List.of(), TranslateOptions.insecurePlaintextGrpc(),
                translated);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
