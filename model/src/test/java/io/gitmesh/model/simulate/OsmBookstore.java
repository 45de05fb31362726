package io.gitmesh.model.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.model.Mesh;
import io.gitmesh.model.cluster.ClusterState;
import io.gitmesh.model.compile.MeshCompiler;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** OSM's bookstore demo (shared/osm/demo/manifests): its apps, {@code traffic-access-v1} and the v1 split. */
final class OsmBookstore {
    private static final Path MANIFESTS = Path.of(System.getProperty("gitmesh.shared"), "osm/demo/manifests");

    private OsmBookstore() {
    }

    static Mesh mesh(String... moreFiles) {
        try (Stream<Path> apps = Files.list(MANIFESTS.resolve("apps"))) {
            List<String> files = Stream.of(apps.map(p -> "apps/" + p.getFileName()).sorted(),
                    Stream.of("access/traffic-access-v1.yaml", "split/traffic-split-v1.yaml"), Stream.of(moreFiles))
                    .flatMap(s -> s).toList();
            PolicyRead read = new PolicyReader().read(files.stream().map(OsmBookstore::sourceFile).toList());
            assertThat(read.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
            return new MeshCompiler().compile(read.policies(), ClusterState.of(read.clusterObjects()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SourceFile sourceFile(String path) {
        try {
            return new SourceFile(path, Files.readAllBytes(MANIFESTS.resolve(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
