package io.gitmesh.bench.mesh;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.reconciler.compile.CompiledRevision;
import io.gitmesh.reconciler.compile.ParseCache;
import io.gitmesh.reconciler.compile.RevisionCompiler;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.SnapshotGroup;
import io.gitmesh.xds.override.OverrideCheck;
import io.gitmesh.xds.translate.ProxyConfigs;
import io.gitmesh.xds.translate.TranslateOptions;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@link ScaleScenario} as {@code gitmesh run} sees it, revision after revision: compiled through the
 * same pipeline (a {@link RevisionCompiler} with a {@link ParseCache}, so a revision re-parses only its
 * changed files, and the Envoy override check) and translated by {@link ProxyConfigs}, as the app's
 * xDS sink does (the scenario has no Envoy overrides).
 */
public final class ScaleMesh {
    private static final SourceFiles NO_CLUSTER_STATE = new SourceFiles(List.of(), List.of());

    private final ScaleScenario scenario;
    private final RevisionCompiler compiler =
            new RevisionCompiler(Limits.DEFAULT, new ParseCache(), List.of(new OverrideCheck()));
    private final SortedMap<String, SourceFile> files = new TreeMap<>();

    public ScaleMesh(ScaleScenario scenario) {
        this.scenario = scenario;
        scenario.files().forEach(file -> files.put(file.path(), file));
    }

    /**
     * The revision of the current files, with its mesh.
     *
     * @throws IllegalStateException if the generated repository has an error (a bug in the generator)
     */
    public CompiledRevision compile() {
        CompiledRevision revision = compiler.compile(new SourceFiles(List.copyOf(files.values()), List.of()),
                NO_CLUSTER_STATE);
        if (!revision.valid()) {
            throw new IllegalStateException("the generated repository is invalid: " + revision.diagnostics().getFirst());
        }
        return revision;
    }

    /** Changes identity {@code identity}'s TrafficSplit to send {@code v1Weight} % to v1; takes effect on {@link #compile}. */
    public void moveSplit(int identity, int v1Weight) {
        SourceFile split = scenario.splitFile(identity, v1Weight);
        files.put(split.path(), split);
    }

    /** The configs of every group of the flavour, translated one after the other on this thread. */
    public static Map<SnapshotGroup, ProxyConfig> configs(CompiledRevision revision, Flavour flavour,
            TranslateOptions options) {
        return new ProxyConfigs().build(revision.mesh().orElseThrow(), revision.cluster(), List.of(), options,
                group -> group.flavour() == flavour).configs();
    }

    /** One snapshot group per identity of the mesh, of the flavour, as {@link ProxyConfigs#group} has it; sorted. */
    public static List<SnapshotGroup> groups(Mesh mesh, Flavour flavour) {
        return mesh.identities().stream().map(identity -> ProxyConfigs.group(mesh, identity, flavour)).sorted().toList();
    }

    /** The group of scenario identity {@code i}. */
    public static SnapshotGroup groupOf(Mesh mesh, Flavour flavour, int i) {
        return ProxyConfigs.group(mesh, new Identity(ScaleScenario.namespace(i), ScaleScenario.name(i)), flavour);
    }
}
