package io.gitmesh.bench.mesh;

import io.gitmesh.model.Identity;
import io.gitmesh.model.InboundPort;
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
import io.gitmesh.xds.translate.TranslateOptions;
import io.gitmesh.xds.translate.Translator;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@link ScaleScenario} as the reconciler would see it, revision after revision: compiled through the
 * real pipeline ({@link RevisionCompiler} with a {@link ParseCache}, so a revision re-parses only its
 * changed files) and translated for every snapshot group.
 */
public final class ScaleMesh {
    private static final SourceFiles NO_CLUSTER_STATE = new SourceFiles(List.of(), List.of());

    private final ScaleScenario scenario;
    private final RevisionCompiler compiler = new RevisionCompiler(Limits.DEFAULT, new ParseCache());
    private final Translator translator = new Translator();
    private final SortedMap<String, SourceFile> files = new TreeMap<>();

    public ScaleMesh(ScaleScenario scenario) {
        this.scenario = scenario;
        scenario.files().forEach(file -> files.put(file.path(), file));
    }

    /**
     * The mesh of the current files.
     *
     * @throws IllegalStateException if the generated repository has an error (a bug in the generator)
     */
    public Mesh compile() {
        CompiledRevision revision = compiler.compile(new SourceFiles(List.copyOf(files.values()), List.of()),
                NO_CLUSTER_STATE);
        return revision.mesh().orElseThrow(() -> new IllegalStateException(
                "the generated repository is invalid: " + revision.diagnostics().getFirst()));
    }

    /** Changes identity {@code identity}'s TrafficSplit to send {@code v1Weight} % to v1; takes effect on {@link #compile}. */
    public void moveSplit(int identity, int v1Weight) {
        SourceFile split = scenario.splitFile(identity, v1Weight);
        files.put(split.path(), split);
    }

    /** Every group's config, translated one after the other on this thread. */
    public SortedMap<SnapshotGroup, ProxyConfig> translate(Mesh mesh, List<SnapshotGroup> groups,
            TranslateOptions options) {
        SortedMap<SnapshotGroup, ProxyConfig> configs = new TreeMap<>();
        groups.forEach(group -> configs.put(group, translator.translate(mesh, group, options)));
        return configs;
    }

    /**
     * One snapshot group per identity of the mesh, of the flavour, serving the ports its workloads listen
     * on for its Services, as their bootstraps would say; sorted.
     */
    public static List<SnapshotGroup> groups(Mesh mesh, Flavour flavour) {
        List<SnapshotGroup> groups = new ArrayList<>();
        for (Identity identity : mesh.identities()) {
            List<Integer> ports = mesh.inbound(identity).ports().stream()
                    .map(InboundPort::targetPorts)
                    .flatMap(List::stream)
                    .toList();
            groups.add(new SnapshotGroup(identity.namespace(), identity.serviceAccount(), flavour, ports));
        }
        return groups.stream().sorted().toList();
    }

    /** The group of scenario identity {@code i} among {@code groups}. */
    public static SnapshotGroup groupOf(List<SnapshotGroup> groups, int i) {
        String namespace = ScaleScenario.namespace(i);
        String name = ScaleScenario.name(i);
        return groups.stream()
                .filter(g -> g.namespace().equals(namespace) && g.serviceAccount().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no group for identity " + namespace + "/" + name));
    }
}
