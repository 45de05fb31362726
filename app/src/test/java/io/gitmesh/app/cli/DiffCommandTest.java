package io.gitmesh.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** {@code gitmesh diff DIR --from REF [--to REF]} on scripted histories of sample-repo. */
class DiffCommandTest {
    @TempDir
    Path tmp;
    PolicyHistory history;
    String first;

    @BeforeEach
    void repository() {
        history = PolicyHistory.ofSampleRepo(tmp);
        first = history.commit("The bookstore as it is");
    }

    @AfterEach
    void close() {
        history.close();
    }

    private CliRun diff(String... options) {
        List<String> args = new ArrayList<>(List.of("diff", history.dir().toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The output with the commit ids of the ones given written FROM and TO. */
    private static String out(CliRun run, String from, String to) {
        return run.out().replace(from, "FROM").replace(PolicyHistory.abbreviated(from), "FROM")
                .replace(to, "TO").replace(PolicyHistory.abbreviated(to), "TO")
                .replace(System.lineSeparator(), "\n");
    }

    private static JsonNode json(CliRun run) {
        return DiagnosticsOutput.JSON.readTree(run.out());
    }

    /** The pull request that shifts half of bookstore's traffic to v2 (100/0 to 50/50). */
    private static void shiftHalfToV2(PolicyHistory history) {
        history.edit("policy/bookstore-split.yaml", "weight: 100", "weight: 50")
                .edit("policy/bookstore-split.yaml", "weight: 0", "weight: 50");
    }

    static Stream<Arguments> kindsOfChange() {
        return Stream.of(
                arguments("split weights moved", (Consumer<PolicyHistory>) DiffCommandTest::shiftHalfToV2,
                        "  bookstore/bookstore:14001 route * to bookstore/bookstore-v2: 0% -> 50%",
                        "/weights", """
                        {"service": "bookstore/bookstore", "port": 14001, "route": "*",
                         "backend": "bookstore/bookstore-v2", "before": 0, "after": 50}""",
                        "| `bookstore/bookstore` | 14001 | `*` | `bookstore/bookstore-v2` | 0% | 50% |"),
                arguments("a source added: access granted",
                        (Consumer<PolicyHistory>) h -> SampleRepo.letBookthiefBuyFromV1(h.dir()),
                        "  + bookthief/bookthief -> bookstore/bookstore-v1:14001 "
                                + "bookstore/bookstore-service-routes/buy-a-book",
                        "/access/granted", """
                        {"source": "bookthief/bookthief", "destination": "bookstore/bookstore-v1", "port": 14001,
                         "route": "bookstore/bookstore-service-routes/buy-a-book"}""",
                        "| granted | `bookthief/bookthief` | `bookstore/bookstore-v1` | 14001 | "
                                + "`bookstore/bookstore-service-routes/buy-a-book` |"),
                arguments("a source removed: access revoked", (Consumer<PolicyHistory>) h -> h.edit(
                        "policy/bookwarehouse-access.yaml", """
                          - kind: ServiceAccount
                            name: bookstore-v2
                            namespace: bookstore
                        """, ""),
                        "  - bookstore/bookstore-v2 -> bookwarehouse/bookwarehouse:14001 "
                                + "bookwarehouse/bookwarehouse-service-routes/restock-books",
                        "/access/revoked", """
                        {"source": "bookstore/bookstore-v2", "destination": "bookwarehouse/bookwarehouse",
                         "port": 14001, "route": "bookwarehouse/bookwarehouse-service-routes/restock-books"}""",
                        "| revoked | `bookstore/bookstore-v2` | `bookwarehouse/bookwarehouse` | 14001 | "
                                + "`bookwarehouse/bookwarehouse-service-routes/restock-books` |"),
                arguments("a route narrowed", (Consumer<PolicyHistory>) h -> h.edit("policy/bookstore-access.yaml",
                        "matches: [buy-a-book, books-bought]", "matches: [books-bought]"),
                        "  - bookbuyer/bookbuyer -> bookstore/bookstore-v2:14001 "
                                + "bookstore/bookstore-service-routes/buy-a-book",
                        "/access/revoked", """
                        {"source": "bookbuyer/bookbuyer", "destination": "bookstore/bookstore-v2", "port": 14001,
                         "route": "bookstore/bookstore-service-routes/buy-a-book"}""",
                        "| revoked | `bookbuyer/bookbuyer` | `bookstore/bookstore-v2` | 14001 | "
                                + "`bookstore/bookstore-service-routes/buy-a-book` |"),
                arguments("a service removed", (Consumer<PolicyHistory>) h -> h.edit("cluster/bookwarehouse.yaml", """
                        ---
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: mysql
                          namespace: bookwarehouse
                        spec:
                          selector: {app: mysql}
                          ports:
                          - name: tcp-mysql
                            port: 3306
                            appProtocol: tcp
                        """, ""),
                        "  removed   Service bookwarehouse/mysql",
                        "/changes", """
                        {"resource": "ServicePort bookwarehouse/mysql:3306", "change": "removed"}""",
                        "| `Service bookwarehouse/mysql` | removed |"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kindsOfChange")
    void eachKindOfChangeAppearsInEveryFormat(String name, Consumer<PolicyHistory> change, String textLine,
            String jsonArray, String jsonEntry, String markdownRow) {
        change.accept(history);
        String pullRequest = history.commit(name);

        CliRun text = diff("--from", "HEAD~1", "--to", "HEAD");
        CliRun json = diff("--from", "HEAD~1", "--to", "HEAD", "-o", "json");
        CliRun markdown = diff("--from", "main~1", "--to", "main", "-o", "markdown");

        assertThat(List.of(text.exitCode(), json.exitCode(), markdown.exitCode())).as(text.err()).containsOnly(1);
        assertThat(out(text, first, pullRequest)).startsWith("HEAD~1 (FROM) -> HEAD (TO): ")
                .contains("\n" + textLine + "\n");
        assertThat(json(json).at(jsonArray)).contains(DiagnosticsOutput.JSON.readTree(jsonEntry));
        assertThat(json(json).get("from").asString()).isEqualTo(first);
        assertThat(json(json).get("to").asString()).isEqualTo(pullRequest);
        assertThat(out(markdown, first, pullRequest)).contains("`main~1 (FROM)` → `main (TO)`\n")
                .contains("\n" + markdownRow + "\n");
    }

    @Test
    void aCommitThatOnlyEditsCommentsAndReadmesChangesNothing() {
        history.edit("policy/bookstore-split.yaml", "# Calls to bookstore go to the versions by weight.",
                "# Calls to bookstore go to its versions, by weight.")
                .write("README.md", "# Our mesh policy\n")
                .write("sample-repo/README.md", "The bookstore.\n");
        String docs = history.commit("Words only");

        CliRun text = diff("--from", first, "--to", docs);
        CliRun json = diff("--from", first, "--to", docs, "-o", "json");
        CliRun markdown = diff("--from", first, "--to", docs, "-o", "markdown");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(out(text, first, docs)).isEqualTo("no changes: FROM and TO compile to the same mesh\n");
        assertThat(json.exitCode()).isZero();
        assertThat(out(json, first, docs)).isEqualTo("""
                {
                  "from" : "FROM",
                  "to" : "TO",
                  "changes" : [ ],
                  "access" : {
                    "granted" : [ ],
                    "revoked" : [ ]
                  },
                  "weights" : [ ],
                  "workloads" : [ ]
                }
                """);
        assertThat(markdown.exitCode()).isZero();
        assertThat(out(markdown, first, docs)).startsWith("### gitmesh plan: no changes\n\n`FROM` → `TO`\n")
                .doesNotContain("mermaid");
    }

    @Test
    void jsonIsTheDocumentedDocument() {
        shiftHalfToV2(history);
        String shift = history.commit("Half to v2");

        CliRun run = diff("--from", "HEAD~1", "--to", "HEAD", "-o", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(out(run, first, shift)).isEqualTo("""
                {
                  "from" : "FROM",
                  "to" : "TO",
                  "changes" : [ {
                    "resource" : "TrafficSplit bookstore/bookstore:14001",
                    "change" : "modified"
                  } ],
                  "access" : {
                    "granted" : [ ],
                    "revoked" : [ ]
                  },
                  "weights" : [ {
                    "service" : "bookstore/bookstore",
                    "port" : 14001,
                    "route" : "*",
                    "backend" : "bookstore/bookstore-v1",
                    "before" : 100,
                    "after" : 50
                  }, {
                    "service" : "bookstore/bookstore",
                    "port" : 14001,
                    "route" : "*",
                    "backend" : "bookstore/bookstore-v2",
                    "before" : 0,
                    "after" : 50
                  } ],
                  "workloads" : [ "bookbuyer/bookbuyer" ]
                }
                """);
    }

    @Test
    void markdownIsAPullRequestComment() {
        shiftHalfToV2(history);
        SampleRepo.letBookthiefBuyFromV1(history.dir());
        String pullRequest = history.commit("Half to v2, and bookthief may buy");

        CliRun run = diff("--from", "main~1", "--to", "main", "-o", "markdown");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(out(run, first, pullRequest)).startsWith("""
                ### gitmesh plan: 3 resources changed, 4 routes granted, 2 weights moved, 3 workloads with new config

                `main~1 (FROM)` → `main (TO)`

                | Resource | Change |
                |---|---|
                | `TrafficSplit bookstore/bookstore:14001` | modified |
                """).contains("""
                #### Workloads whose config changes

                - `bookbuyer/bookbuyer`
                - `bookstore/bookstore-v1`
                - `bookthief/bookthief`
                """).endsWith("""
                ```mermaid
                flowchart LR
                  i1(["bookthief/bookthief"])
                  p1["bookstore/bookstore:14001"]
                  p2["bookstore/bookstore-v1:14001"]
                  p3["bookstore/bookstore-v2:14001"]
                  i1 -->|"bookstore/bookstore-service-routes/books-bought<br/>\
                bookstore/bookstore-service-routes/buy-a-book"| p1
                  i1 -->|"bookstore/bookstore-service-routes/books-bought<br/>\
                bookstore/bookstore-service-routes/buy-a-book"| p2
                  p1 -.->|"100% → 50%"| p2
                  p1 -.->|"0% → 50%"| p3
                  linkStyle 0,1 stroke:#1a7f37,stroke-width:2px
                  linkStyle 2,3 stroke:#bc4c00,stroke-width:2px
                ```
                """);
    }

    @Test
    void permissiveModeOpensEveryPortToAnyIdentityOnce() {
        history.edit("mesh.yaml", "permissive: false", "permissive: true");
        String permissive = history.commit("Permissive");

        CliRun run = diff("--from", "HEAD~1", "--to", "HEAD", "-o", "markdown");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(out(run, first, permissive)).startsWith("### gitmesh plan: 15 resources changed, 5 routes granted, "
                + "6 workloads with new config\n")
                .contains("| `MeshConfig traffic.permissive` | modified |\n")
                .contains("| `Access * -> bookstore/bookstore:14001` | added |\n")
                .contains("| granted | `*` | `bookstore/bookstore` | 14001 | `*` |\n")
                .contains("| granted | `*` | `bookwarehouse/mysql` | 3306 | `tcp` |\n")
                .doesNotContain("| revoked |")
                .contains("  i1([\"* (any identity)\"])\n");
    }

    @Test
    void withoutToTheWorkingTreeIsCompared() {
        shiftHalfToV2(history);

        CliRun text = diff("--from", "HEAD");
        CliRun json = diff("--from", "HEAD", "-o", "json");

        assertThat(text.exitCode()).as(text.err()).isEqualTo(1);
        assertThat(out(text, first, first)).startsWith("HEAD (FROM) -> the working tree: 1 resource changed, "
                + "2 weights moved, 1 workload with new config\n");
        assertThat(json(json).get("from").asString()).isEqualTo(first);
        assertThat(json(json).get("to").asString()).isEqualTo("working-tree");
    }

    @Test
    void theWorkingTreeHasNewFilesThatAreNotIgnoredAndLacksDeletedOnes() {
        history.write(".gitignore", "*.local.yaml\n")
                .write("sample-repo/policy/mine.local.yaml", "this: [is not yaml\n")
                .write("sample-repo/policy/.drafts/broken.yaml", "this: [is not yaml either\n")
                .write("sample-repo/policy/mysql-v2.yaml", """
                        apiVersion: access.smi-spec.io/v1alpha3
                        kind: TrafficTarget
                        metadata:
                          name: mysql-v2
                          namespace: bookwarehouse
                        spec:
                          destination:
                            kind: ServiceAccount
                            name: mysql
                            namespace: bookwarehouse
                          rules:
                          - kind: TCPRoute
                            name: mysql
                          sources:
                          - kind: ServiceAccount
                            name: bookthief
                            namespace: bookthief
                        """)
                .delete("policy/bookwarehouse-access.yaml");

        CliRun run = diff("--from", "HEAD");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("  + bookthief/bookthief -> bookwarehouse/mysql:3306 tcp\n")
                .contains("  - bookstore/bookstore-v1 -> bookwarehouse/bookwarehouse:14001 "
                        + "bookwarehouse/bookwarehouse-service-routes/restock-books\n");
    }

    @Test
    void aRevertPlansNothingAgainstTheCommitBeforeWhatItReverts() {
        SampleRepo.letBookthiefBuyFromV1(history.dir());
        String grant = history.commit("bookthief may buy");
        String revert = history.revert(grant);

        CliRun there = diff("--from", first, "--to", grant);
        CliRun back = diff("--from", grant + "~1", "--to", revert, "-o", "json");

        assertThat(there.exitCode()).isEqualTo(1);
        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(json(back).get("from").asString()).isEqualTo(first);
        assertThat(json(back).get("to").asString()).isEqualTo(revert);
        assertThat(json(back).get("changes").isEmpty()).isTrue();
    }

    @Test
    void anUnknownRefIsAnError() {
        CliRun run = diff("--from", "no-such-branch");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("gitmesh: --from: \"no-such-branch\" names no commit in "
                + history.dir().toAbsolutePath() + System.lineSeparator());
    }

    @Test
    void anInvalidSideIsAnErrorThatNamesItsRefAndItsErrors() {
        history.edit("policy/bookstore-split.yaml", "weight: 0", "weight: none");
        String broken = history.commit("Broken split");

        CliRun run = diff("--from", "HEAD~1", "--to", "HEAD");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("gitmesh: --to HEAD (" + PolicyHistory.abbreviated(broken)
                        + ") is invalid (1 error")
                .contains("  policy/bookstore-split.yaml:13:5: error: spec.backends[1].weight must be a number");
    }

    @Test
    void anInvalidWorkingTreeIsAnErrorToo() {
        history.edit("policy/bookstore-split.yaml", "weight: 0", "weight: none");

        CliRun run = diff("--from", "HEAD");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("gitmesh: the working tree is invalid (1 error");
    }

    @Test
    void aFolderOutsideAnyRepositoryIsAnError() {
        Path plain = SampleRepo.copy(tmp, "plain");

        CliRun run = CliRun.of("diff", plain.toString(), "--from", "HEAD");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("gitmesh: " + plain.toAbsolutePath() + " is not inside a git repository"
                + System.lineSeparator());
    }

    @Test
    void aMissingFolderIsAnError() {
        CliRun run = CliRun.of("diff", history.root().resolve("nowhere").toString(), "--from", "HEAD");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("gitmesh: no such directory: ");
    }

    @Test
    void fromIsRequiredAndTheTwoDirectoryFormIsGone() {
        CliRun noFrom = diff();
        CliRun twoDirectories = CliRun.of("diff", history.dir().toString(), history.dir().toString(),
                "--from", "HEAD");

        assertThat(noFrom.exitCode()).isEqualTo(2);
        assertThat(noFrom.err()).contains("Missing required option: '--from=REF'");
        assertThat(twoDirectories.exitCode()).isEqualTo(2);
        assertThat(twoDirectories.err()).contains("Unmatched argument");
    }

    @Test
    void aFormatDiffDoesNotPrintIsAUsageError() {
        CliRun run = diff("--from", "HEAD", "-o", "dot");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("gitmesh: diff prints text, json, markdown; not dot");
    }
}
