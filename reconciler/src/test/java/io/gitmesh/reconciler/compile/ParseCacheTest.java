package io.gitmesh.reconciler.compile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.FileRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.kube.KubeObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Over random revisions (files edited, added, removed, handed out again as new instances with the same
 * content), the cache gives what reading every file gives, parses only content it has not read at that
 * path, and keeps only the paths of the last revision.
 */
class ParseCacheTest {
    private final PolicyReader reader = new PolicyReader();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void readsEqualReadingEveryFile(long seed) {
        Random random = new Random(seed);
        ParseCache cache = new ParseCache();
        Map<String, SourceFile> files = new TreeMap<>();
        Map<String, String> lastParsed = new HashMap<>();
        for (int step = 0; step < 150; step++) {
            for (int edits = 1 + random.nextInt(2); edits > 0; edits--) { // two: a file may replace another
                String path = "f" + random.nextInt(12) + ".yaml";
                switch (random.nextInt(6)) {
                    case 0 -> files.remove(path);
                    case 1 -> files.computeIfPresent(path, (p, f) -> new SourceFile(p, f.content().clone()));
                    default -> files.put(path, file(path, random));
                }
            }
            List<SourceFile> revision = new ArrayList<>(files.values());
            List<String> parsed = new ArrayList<>();

            List<FileRead> reads = cache.read(revision, f -> {
                synchronized (parsed) {
                    parsed.add(f.path());
                }
                return reader.readFile(f);
            });

            String at = "step %d of seed %d".formatted(step, seed);
            assertThat(reads).as(at).extracting(FileRead::path)
                    .containsExactlyElementsOf(revision.stream().map(SourceFile::path).toList());
            for (int i = 0; i < reads.size(); i++) {
                assertThat(reads.get(i).clusterObjects()).as(at).extracting(KubeObject::key)
                        .isEqualTo(reader.readFile(revision.get(i)).clusterObjects().stream().map(KubeObject::key).toList());
            }
            for (SourceFile file : revision) {
                String text = new String(file.content(), UTF_8);
                assertThat(parsed.contains(file.path())).as("%s: %s parsed", at, file.path())
                        .isEqualTo(!text.equals(lastParsed.get(file.path())));
                lastParsed.put(file.path(), text);
            }
            lastParsed.keySet().retainAll(files.keySet());
            assertThat(cache.size()).as(at).isEqualTo(files.size());
        }
    }

    private static SourceFile file(String path, Random random) {
        String name = "n" + random.nextInt(4);
        return new SourceFile(path, ("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: " + name
                + ", namespace: shop}\n").getBytes(UTF_8));
    }
}
