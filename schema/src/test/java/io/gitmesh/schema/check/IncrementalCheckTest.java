package io.gitmesh.schema.check;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.schema.CheckedPolicy;
import io.gitmesh.schema.ClusterCatalog;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.FileRead;
import io.gitmesh.schema.PolicyRead;
import io.gitmesh.schema.PolicyReader;
import io.gitmesh.schema.PolicySet;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A check made from the check before gives what a check from scratch gives — the same diagnostics
 * in the same order and the same documents kept — over long random sequences of edits: TrafficTargets,
 * TrafficSplits, the routes they name and EnvoyOverrides added, removed and replaced, errors brought in
 * and fixed again (missing routes and matches, duplicate match names, bad regexes, two splits for one
 * root, a target in the wrong namespace, a resource defined in two files), and now and then another
 * cluster. Unchanged files keep their parsed documents, as the parse cache hands them out, so the
 * sequences exercise what the check takes over as well as what it checks again.
 */
class IncrementalCheckTest {
    private static final String[] NAMESPACES = {"shop", "bank"};
    private static final int NAMES = 4;

    private final PolicyChecker checker = new PolicyChecker();
    private final PolicyReader reader = new PolicyReader();
    private final Map<String, FileRead> parsed = new HashMap<>();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void eachCheckMadeFromTheLastEqualsTheCheckFromScratch(long seed) {
        Random random = new Random(seed);
        Map<String, String> files = new TreeMap<>();
        IntStream.range(0, 20).forEach(i -> edit(files, random));
        ClusterCatalog cluster = cluster(random);
        PolicyChecking last = checker.checking(read(files), cluster);
        int tookOver = 0;

        for (int step = 0; step < 300; step++) {
            int edits = 1 + random.nextInt(3);
            IntStream.range(0, edits).forEach(i -> edit(files, random));
            if (random.nextInt(20) == 0) {
                cluster = cluster(random);
            }
            PolicyRead read = read(files);

            PolicyChecking next = checker.checking(read, cluster, last);

            CheckedPolicy expected = new PolicyChecker().check(read, cluster);
            String where = "step %d of seed %d: %s".formatted(step, seed, files);
            assertThat(next.checked().diagnostics()).as(where).isEqualTo(expected.diagnostics());
            assertThat(next.checked().policies()).as(where).isEqualTo(expected.policies());
            if (expected.policies() == read.policies()) {
                assertThat(next.checked().policies()).as(where).isSameAs(read.policies());
            }
            tookOver += tookOver(last.checked(), next.checked()) ? 1 : 0;
            last = next;
        }
        assertThat(tookOver).as("steps that took findings over from the check before").isGreaterThan(150);
    }

    @Test
    void checkingAgainFromACheckTakenOverAlreadyChecksFromScratch() {
        Random random = new Random(11);
        Map<String, String> files = new TreeMap<>();
        IntStream.range(0, 20).forEach(i -> edit(files, random));
        ClusterCatalog cluster = cluster(random);
        PolicyChecking first = checker.checking(read(files), cluster);
        edit(files, random);
        checker.checking(read(files), cluster, first);
        edit(files, random);
        PolicyRead read = read(files);

        PolicyChecking again = checker.checking(read, cluster, first);

        assertThat(again.checked()).isEqualTo(new PolicyChecker().check(read, cluster));
    }

    @Test
    void documentsThatShareAKeyAreCheckedFromScratch() {
        String group = """
                apiVersion: specs.smi-spec.io/v1alpha4
                kind: HTTPRouteGroup
                metadata: {name: routes-0, namespace: shop}
                spec:
                  matches:
                  - {name: read, pathRegex: "%s", methods: [GET]}
                """;
        Map<String, String> files = new TreeMap<>(Map.of("a.yaml", group.formatted("/(?=items)"),
                "b.yaml", """
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata: {name: target-0, namespace: shop}
                        spec:
                          destination: {kind: ServiceAccount, name: sa-0, namespace: shop}
                          rules: [{kind: HTTPRouteGroup, name: routes-0, matches: [read]}]
                          sources: [{kind: ServiceAccount, name: sa-1, namespace: shop}]
                        """));
        PolicyRead single = read(files);
        // two groups under one key, as only a PolicySet made by hand has them: rules resolve to the later one
        List<PolicyDocument> documents = new ArrayList<>(single.policies().documents());
        SourceFile later = new SourceFile("c.yaml", group.formatted("/items").getBytes(UTF_8));
        documents.addAll(reader.readFile(later).policies());
        PolicyRead shared = new PolicyRead(new PolicySet(documents), List.of(), List.of());
        PolicyChecking last = checker.checking(single, ClusterCatalog.UNKNOWN);

        PolicyChecking next = checker.checking(shared, ClusterCatalog.UNKNOWN, last);
        PolicyChecking after = checker.checking(single, ClusterCatalog.UNKNOWN, next);

        assertThat(next.checked()).isEqualTo(new PolicyChecker().check(shared, ClusterCatalog.UNKNOWN));
        assertThat(after.checked()).isEqualTo(new PolicyChecker().check(single, ClusterCatalog.UNKNOWN));
    }

    /** Whether some diagnostic of {@code next} is the very diagnostic {@code last} found. */
    private static boolean tookOver(CheckedPolicy last, CheckedPolicy next) {
        Set<Diagnostic> before = Collections.newSetFromMap(new IdentityHashMap<>());
        before.addAll(last.diagnostics());
        return next.diagnostics().stream().anyMatch(before::contains);
    }

    private PolicyRead read(Map<String, String> files) {
        List<FileRead> reads = new ArrayList<>();
        files.forEach((path, text) -> reads.add(parsed.computeIfAbsent(path + "\n" + text,
                key -> reader.readFile(new SourceFile(path, text.getBytes(UTF_8))))));
        return reader.combine(reads);
    }

    private static void edit(Map<String, String> files, Random random) {
        String ns = pick(random, NAMESPACES);
        int which = random.nextInt(10);
        String path = ns + "/" + which + ".yaml";
        if (random.nextInt(8) == 0) {
            files.remove(path);
            return;
        }
        files.put(path, switch (which) {
            case 0, 1, 2 -> split(ns, which, random);
            case 3, 4, 5 -> target(ns, which - 3, random);
            case 6, 7 -> routes(ns, "routes-" + (which - 6), random);
            case 8 -> l4Routes(ns, random);
            default -> override(ns, random) + "---\n" + routes(ns, "routes-" + random.nextInt(3), random)
                    + "---\n" + target(ns, random.nextInt(NAMES), random);
        });
    }

    /** Whether the document being written gets a flaw: most revisions should pass. */
    private static boolean flaw(Random random) {
        return random.nextInt(25) == 0;
    }

    /**
     * Split {@code i} of root svc-i, or now and then of root svc-0 (a second split of a root is an error),
     * with a backend twice, weights of 0, or a match naming a group that may not exist.
     */
    private static String split(String ns, int i, Random random) {
        String root = "svc-" + (flaw(random) ? 0 : i);
        String second = flaw(random) ? "svc-" + i : "svc-" + (i + 1);
        int weight = flaw(random) ? 0 : 10 * (1 + random.nextInt(5));
        int group = flaw(random) ? 2 : random.nextInt(2);
        String matches = random.nextInt(3) != 0 ? ""
                : "  matches: [{kind: HTTPRouteGroup, name: routes-%d}]\n".formatted(group);
        return """
                apiVersion: split.smi-spec.io/v1alpha4
                kind: TrafficSplit
                metadata: {name: split-%d, namespace: %s}
                spec:
                  service: %s
                  backends:
                  - {service: svc-%d, weight: %d}
                  - {service: %s, weight: %d}
                %s""".formatted(i, ns, root, i, weight, second, weight, matches);
    }

    /**
     * Target {@code i} with one or two rules, now and then naming a match that does not exist, in the
     * wrong namespace or with a source that is not a ServiceAccount.
     */
    private static String target(String ns, int i, Random random) {
        String destinationNs = flaw(random) ? "elsewhere" : ns;
        String sourceKind = flaw(random) ? "Group" : "ServiceAccount";
        String rules = IntStream.range(0, 1 + random.nextInt(2)).mapToObj(r -> rule(random))
                .collect(Collectors.joining(", "));
        return """
                apiVersion: access.smi-spec.io/v1alpha3
                kind: TrafficTarget
                metadata: {name: target-%d, namespace: %s}
                spec:
                  destination: {kind: ServiceAccount, name: %s, namespace: %s}
                  rules: [%s]
                  sources:
                  - {kind: %s, name: %s, namespace: %s}
                """.formatted(i, ns, account(random), destinationNs, rules, sourceKind, account(random),
                pick(random, NAMESPACES));
    }

    private static String rule(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> "{kind: TCPRoute, name: tcp}";
            case 1 -> "{kind: UDPRoute, name: udp, matches: [%s]}".formatted(random.nextInt(5) == 0 ? "any" : "");
            default -> "{kind: HTTPRouteGroup, name: routes-%d, matches: [%s]}".formatted(random.nextInt(2),
                    flaw(random) ? "gone" : pick(random, "read", "write"));
        };
    }

    /** A group with matches "read" and "write", now and then with a name twice or a regex RE2 refuses. */
    private static String routes(String ns, String name, Random random) {
        String second = flaw(random) ? "read" : "write";
        String regex = flaw(random) ? "/(?=items)" : "/items/.*";
        return """
                apiVersion: specs.smi-spec.io/v1alpha4
                kind: HTTPRouteGroup
                metadata: {name: %s, namespace: %s}
                spec:
                  matches:
                  - {name: read, pathRegex: "/%s/.*", methods: [GET]}
                  - {name: %s, pathRegex: "%s", methods: [POST]}
                """.formatted(name, ns, random.nextBoolean() ? "books" : "cars", second, regex);
    }

    /** A TCPRoute, and a UDPRoute or not. */
    private static String l4Routes(String ns, Random random) {
        String tcp = """
                apiVersion: specs.smi-spec.io/v1alpha4
                kind: TCPRoute
                metadata: {name: tcp, namespace: %s}
                spec:
                  matches: {ports: [%d]}
                """.formatted(ns, 9000 + random.nextInt(2));
        return random.nextInt(5) == 0 ? tcp : tcp + """
                ---
                apiVersion: specs.smi-spec.io/v1alpha4
                kind: UDPRoute
                metadata: {name: udp, namespace: %s}
                spec:
                  matches: {ports: [53]}
                """.formatted(ns);
    }

    private static String override(String ns, Random random) {
        return """
                apiVersion: gitmesh.io/v1alpha1
                kind: EnvoyOverride
                metadata: {name: %s, namespace: %s}
                spec:
                  selector: {serviceAccount: %s}
                  patches:
                  - target: {type: Cluster}
                    operation: merge
                    value: {connect_timeout: 2s}
                """.formatted("override-" + random.nextInt(2), ns, account(random));
    }

    /** Another cluster: unknown now and then, else one that lacks some Services and ServiceAccounts. */
    private static ClusterCatalog cluster(Random random) {
        if (random.nextInt(4) == 0) {
            return ClusterCatalog.UNKNOWN;
        }
        Set<String> services = new HashSet<>();
        Set<String> accounts = new HashSet<>();
        for (String ns : NAMESPACES) {
            for (int i = 0; i < NAMES; i++) {
                if (random.nextInt(3) != 0) {
                    services.add(ns + "/svc-" + i);
                }
                if (random.nextInt(3) != 0) {
                    accounts.add(ns + "/sa-" + i);
                }
            }
        }
        return new Catalog(Set.copyOf(services), Set.copyOf(accounts));
    }

    private record Catalog(Set<String> services, Set<String> accounts) implements ClusterCatalog {
        @Override
        public boolean known() {
            return true;
        }

        @Override
        public boolean hasService(String namespace, String name) {
            return services.contains(namespace + "/" + name);
        }

        @Override
        public boolean hasServiceAccount(String namespace, String name) {
            return accounts.contains(namespace + "/" + name);
        }
    }

    private static String service(Random random) {
        return "svc-" + random.nextInt(NAMES);
    }

    private static String account(Random random) {
        return "sa-" + random.nextInt(NAMES);
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
