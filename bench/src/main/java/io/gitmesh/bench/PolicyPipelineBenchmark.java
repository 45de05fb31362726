package io.gitmesh.bench;

import io.gitmesh.reconciler.compile.CompiledRevision;
import io.gitmesh.reconciler.compile.RevisionCompiler;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFiles;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + validate + compile a generated repository (one file per service, see
 * {@link SyntheticRepository}). Target G2 / issue 2: ≤ 500 ms warm for 2,000 services.
 * Run: {@code bench/run PolicyPipelineBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyPipelineBenchmark {
    @Param({"2000"})
    public int services;

    private SourceFiles repository;
    private final SourceFiles noClusterState = new SourceFiles(List.of(), List.of());
    private final RevisionCompiler compiler = new RevisionCompiler(Limits.DEFAULT);

    @Setup
    public void generate() {
        repository = new SourceFiles(SyntheticRepository.generate(services), List.of());
        CompiledRevision first = compiler.compile(repository, noClusterState);
        if (!first.valid()) {
            throw new IllegalStateException("the generated repository is invalid: " + first.diagnostics().getFirst());
        }
    }

    @Benchmark
    public CompiledRevision readCheckAndCompile() {
        return compiler.compile(repository, noClusterState);
    }
}
