package io.gitmesh.schema;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.policy.TrafficTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Folding the changed files into the last combination gives what combining every file gives, over
 * random sequences of edits: documents and Kubernetes objects that move between files, duplicates that
 * come and go, a second MeshConfig, files that do not parse, files added and removed.
 */
class ReadFoldingTest {
    private final PolicyReader reader = new PolicyReader();
    private final Map<String, FileRead> reads = new HashMap<>();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void foldingEqualsCombiningEveryFile(long seed) {
        Random random = new Random(seed);
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < 12; i++) {
            files.put("f" + i + ".yaml", content(random));
        }
        CombinedReads combined = reader.combined(reads(files));
        int folded = 0;

        for (int step = 0; step < 200; step++) {
            String path = "f" + random.nextInt(14) + ".yaml";
            if (random.nextInt(25) == 0) {
                files.remove(path);
            } else {
                files.put(path, content(random));
            }
            List<FileRead> now = reads(files);

            CombinedReads next = reader.combine(now, combined);

            CombinedReads whole = reader.combined(now);
            String at = "step %d of seed %d".formatted(step, seed);
            assertThat(next.read()).as(at).isEqualTo(whole.read());
            assertThat(next.files()).as(at).isEqualTo(now);
            assertThat(next.complete()).as(at).isEqualTo(whole.complete());
            assertSameKinds(next.read().policies(), whole.read().policies(), at);
            folded += ReadFolding.fold(now, combined).isPresent() ? 1 : 0;
            combined = next;
        }
        assertThat(folded).as("steps folded rather than combined whole").isGreaterThan(40);
    }

    @Test
    void nothingChangedGivesTheCombinationItself() {
        List<FileRead> files = reads(Map.of("a.yaml", service("web"), "b.yaml", target("web")));
        CombinedReads combined = reader.combined(files);

        assertThat(reader.combine(List.copyOf(files), combined)).isSameAs(combined);
    }

    private static void assertSameKinds(PolicySet folded, PolicySet whole, String step) {
        for (Class<? extends PolicyDocument> kind : List.of(TrafficTarget.class, HttpRouteGroup.class,
                MeshConfig.class)) {
            assertThat(folded.ofType(kind)).as("%s, %s", step, kind.getSimpleName()).isEqualTo(whole.ofType(kind));
        }
    }

    private List<FileRead> reads(Map<String, String> files) {
        List<FileRead> list = new ArrayList<>();
        files.forEach((path, text) -> list.add(reads.computeIfAbsent(path + "\n" + text,
                key -> reader.readFile(new SourceFile(path, text.getBytes(UTF_8))))));
        list.sort(Comparator.comparing(FileRead::path));
        return list;
    }

    /**
     * A few documents named from a pool, so that duplicates across files come and go; now and then a
     * MeshConfig, or YAML that does not parse.
     */
    private static String content(Random random) {
        List<String> documents = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String name = "n" + random.nextInt(60);
            documents.add(switch (random.nextInt(40)) {
                case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 -> service(name);
                case 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 -> target(name);
                case 20, 21, 22, 23, 24, 25, 26, 27 -> routes(name);
                case 28 -> "apiVersion: gitmesh.io/v1alpha1\nkind: MeshConfig\nmetadata: {name: " + name + "}\n"
                        + "spec: {trustDomain: cluster.local}\n";
                case 29, 30, 31, 32, 33, 34, 35, 36, 37 -> "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: " + name + ", namespace: shop}\n";
                default -> "kind: [unclosed\n";
            });
        }
        return String.join("---\n", documents);
    }

    private static String service(String name) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: shop}
                spec:
                  selector: {app: %s}
                  ports: [{name: http, port: 80}]
                """.formatted(name, name);
    }

    private static String target(String name) {
        return """
                apiVersion: access.smi-spec.io/v1alpha3
                kind: TrafficTarget
                metadata: {name: %s, namespace: shop}
                spec:
                  destination: {kind: ServiceAccount, name: %s, namespace: shop}
                  sources: [{kind: ServiceAccount, name: client, namespace: shop}]
                  rules: [{kind: HTTPRouteGroup, name: routes}]
                """.formatted(name, name);
    }

    private static String routes(String name) {
        return """
                apiVersion: specs.smi-spec.io/v1alpha4
                kind: HTTPRouteGroup
                metadata: {name: %s, namespace: shop}
                spec:
                  matches: [{name: all, pathRegex: "/.*"}]
                """.formatted(name);
    }
}
