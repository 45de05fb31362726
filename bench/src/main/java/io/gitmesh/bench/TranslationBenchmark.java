package io.gitmesh.bench;

import io.gitmesh.bench.mesh.ConfigFigures;
import io.gitmesh.bench.mesh.ScaleMesh;
import io.gitmesh.bench.mesh.ScaleScenario;
import io.gitmesh.model.Mesh;
import io.gitmesh.reconciler.compile.CompiledRevision;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.translate.TranslateOptions;
import io.gitmesh.xds.translate.Translator;
import java.util.List;
import java.util.Map;
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
 * Translates the {@link ScaleScenario} mesh (2,000 Services, 5,000 Deployments, 20,000 endpoints, 500
 * identities) into every snapshot group's config, one group after the other on one thread, for each
 * flavour; and one typical group (identity 4: 7 callees, 28 reachable Services). The setup prints the
 * sizes of the configs ({@link ConfigFigures}). Run: {@code bench/run TranslationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TranslationBenchmark {
    /** A group of average size: identity 4 calls 3 + 4 identities, four Services each. */
    private static final int TYPICAL_IDENTITY = 4;

    @Param({"ENVOY", "GRPC"})
    public Flavour flavour;

    private final Translator translator = new Translator();
    private final TranslateOptions options = TranslateOptions.defaults();
    private Mesh mesh;
    private List<SnapshotGroup> groups;
    private SnapshotGroup typical;

    @Setup
    public void compile() {
        CompiledRevision revision = new ScaleMesh(ScaleScenario.STANDARD).compile();
        mesh = revision.mesh().orElseThrow();
        groups = ScaleMesh.groups(mesh, flavour);
        typical = ScaleMesh.groupOf(mesh, flavour, TYPICAL_IDENTITY);
        Map<SnapshotGroup, ProxyConfig> configs = ScaleMesh.configs(revision, flavour, options);
        System.out.println();
        System.out.println("# " + flavour + " configs of the scale scenario:");
        ConfigFigures.of(mesh, configs).lines().forEach(line -> System.out.println("#   " + line));
        System.out.println("#   typical group " + typical + ": " + configs.get(typical));
    }

    @Benchmark
    public ProxyConfig[] translateEveryGroup() {
        ProxyConfig[] configs = new ProxyConfig[groups.size()];
        for (int i = 0; i < configs.length; i++) {
            configs[i] = translator.translate(mesh, groups.get(i), options);
        }
        return configs;
    }

    @Benchmark
    public ProxyConfig translateOneGroup() {
        return translator.translate(mesh, typical, options);
    }
}
