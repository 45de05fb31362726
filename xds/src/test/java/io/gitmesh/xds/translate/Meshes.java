package io.gitmesh.xds.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.model.Identity;
import io.gitmesh.model.InboundPort;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.compile.MeshCompiler;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.SnapshotGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Meshes for tests, compiled through the real pipeline from YAML, and the snapshot groups of their identities. */
public final class Meshes {
    private static final Path OSM_DEMO = Path.of(System.getProperty("gitmesh.shared"), "osm/demo/manifests");

    private Meshes() {
    }

    /** The mesh of the YAML files (each a text of one or more documents), which must be free of errors. */
    public static Mesh compile(String... files) {
        List<SourceFile> sources = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            sources.add(new SourceFile("file" + i + ".yaml", files[i].getBytes(StandardCharsets.UTF_8)));
        }
        return compile(sources);
    }

    /**
     * The OSM bookstore demo (shared/osm/demo): its apps, {@code access/traffic-access-v1.yaml} and
     * {@code split/traffic-split-v1.yaml}; with {@code meshconfig/mesh-config.yaml}, permissive.
     */
    public static Mesh osmDemo(boolean permissive) {
        List<String> paths = new ArrayList<>(appFiles());
        paths.add("access/traffic-access-v1.yaml");
        paths.add("split/traffic-split-v1.yaml");
        if (permissive) {
            paths.add("meshconfig/mesh-config.yaml");
        }
        return compile(paths.stream().map(Meshes::demoFile).toList());
    }

    /**
     * One snapshot group per identity of the mesh, of the flavour, serving the ports the identity's
     * workloads listen on for its Services, as their bootstraps would say.
     */
    public static SortedMap<Identity, SnapshotGroup> groups(Mesh mesh, Flavour flavour) {
        SortedMap<Identity, SnapshotGroup> groups = new TreeMap<>();
        for (Identity identity : mesh.identities()) {
            List<Integer> ports = mesh.inbound(identity).ports().stream()
                    .map(InboundPort::targetPorts)
                    .flatMap(List::stream)
                    .toList();
            groups.put(identity, new SnapshotGroup(identity.namespace(), identity.serviceAccount(), flavour, ports));
        }
        return groups;
    }

    private static Mesh compile(List<SourceFile> sources) {
        PolicyRead read = new PolicyReader().read(sources);
        assertThat(read.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
        return new MeshCompiler().compile(read.policies(), ClusterState.of(read.clusterObjects()));
    }

    private static List<String> appFiles() {
        try (Stream<Path> apps = Files.list(OSM_DEMO.resolve("apps"))) {
            return apps.map(p -> "apps/" + p.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SourceFile demoFile(String path) {
        try {
            return new SourceFile(path, Files.readAllBytes(OSM_DEMO.resolve(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
