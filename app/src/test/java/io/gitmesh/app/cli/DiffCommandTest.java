package io.gitmesh.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitmesh diff BEFORE_DIR AFTER_DIR} on copies of sample-repo, edited as pull requests would. */
class DiffCommandTest {
    @TempDir
    Path tmp;
    Path before;
    Path after;

    @BeforeEach
    void copies() {
        before = SampleRepo.copy(tmp, "before");
        after = SampleRepo.copy(tmp, "after");
    }

    private void shiftHalfToV2() {
        SampleRepo.shiftHalfToV2(after);
    }

    private void letBookthiefBuy() {
        SampleRepo.letBookthiefBuyFromV1(after);
    }

    private CliRun diff(String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "diff";
        args[1] = before.toString();
        args[2] = after.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return CliRun.of(args);
    }

    /** The output with the temporary directories written BEFORE and AFTER. */
    private String out(CliRun run) {
        return run.out().replace(before.toString(), "BEFORE").replace(after.toString(), "AFTER")
                .replace(System.lineSeparator(), "\n");
    }

    @Test
    void twoCopiesOfOneRepositoryDoNotDiffer() {
        CliRun text = diff();
        CliRun json = diff("-o", "json");
        CliRun markdown = diff("-o", "markdown");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(out(text)).isEqualTo("no changes: BEFORE and AFTER compile to the same mesh\n");
        assertThat(json.exitCode()).isZero();
        assertThat(out(json)).contains("\"changes\" : [ ]", "\"granted\" : [ ]", "\"revoked\" : [ ]",
                "\"weights\" : [ ]", "\"workloads\" : [ ]");
        assertThat(markdown.exitCode()).isZero();
        assertThat(out(markdown)).startsWith("### gitmesh plan: no changes\n").doesNotContain("mermaid");
    }

    @Test
    void textListsEachKindOfChange() {
        shiftHalfToV2();
        letBookthiefBuy();

        CliRun run = diff();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(out(run)).isEqualTo("""
                BEFORE -> AFTER: 3 resources changed, 4 routes granted, 2 weights moved, 3 workloads with new config

                Resources:
                  modified  TrafficSplit bookstore/bookstore:14001
                  added     Access bookthief/bookthief -> bookstore/bookstore:14001
                  added     Access bookthief/bookthief -> bookstore/bookstore-v1:14001

                Access granted:
                  + bookthief/bookthief -> bookstore/bookstore:14001 bookstore/bookstore-service-routes/books-bought
                  + bookthief/bookthief -> bookstore/bookstore:14001 bookstore/bookstore-service-routes/buy-a-book
                  + bookthief/bookthief -> bookstore/bookstore-v1:14001 bookstore/bookstore-service-routes/books-bought
                  + bookthief/bookthief -> bookstore/bookstore-v1:14001 bookstore/bookstore-service-routes/buy-a-book

                Weights:
                  bookstore/bookstore:14001 route * to bookstore/bookstore-v1: 100% -> 50%
                  bookstore/bookstore:14001 route * to bookstore/bookstore-v2: 0% -> 50%

                Workloads whose config changes:
                  bookbuyer/bookbuyer
                  bookstore/bookstore-v1
                  bookthief/bookthief
                """);
    }

    @Test
    void jsonIsTheDocumentedDocument() {
        shiftHalfToV2();

        CliRun run = diff("-o", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(out(run)).isEqualTo("""
                {
                  "from" : "BEFORE",
                  "to" : "AFTER",
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
    void jsonListsAccessRevokedWhenASourceIsRemoved() {
        SampleRepo.edit(after, "policy/bookwarehouse-access.yaml", """
                  - kind: ServiceAccount
                    name: bookstore-v2
                    namespace: bookstore
                """, "");

        CliRun run = diff("-o", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(out(run)).isEqualTo("""
                {
                  "from" : "BEFORE",
                  "to" : "AFTER",
                  "changes" : [ {
                    "resource" : "Access bookstore/bookstore-v2 -> bookwarehouse/bookwarehouse:14001",
                    "change" : "removed"
                  } ],
                  "access" : {
                    "granted" : [ ],
                    "revoked" : [ {
                      "source" : "bookstore/bookstore-v2",
                      "destination" : "bookwarehouse/bookwarehouse",
                      "port" : 14001,
                      "route" : "bookwarehouse/bookwarehouse-service-routes/restock-books"
                    } ]
                  },
                  "weights" : [ ],
                  "workloads" : [ "bookstore/bookstore-v2", "bookwarehouse/bookwarehouse" ]
                }
                """);
    }

    @Test
    void markdownIsAPullRequestComment() {
        shiftHalfToV2();
        letBookthiefBuy();

        CliRun run = diff("-o", "markdown");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(out(run)).startsWith("""
                ### gitmesh plan: 3 resources changed, 4 routes granted, 2 weights moved, 3 workloads with new config

                `BEFORE` → `AFTER`

                | Resource | Change |
                |---|---|
                | `TrafficSplit bookstore/bookstore:14001` | modified |
                """).contains("""
                | | Source | Destination | Port | Route |
                |---|---|---|---|---|
                | granted | `bookthief/bookthief` | `bookstore/bookstore` | 14001 | \
                `bookstore/bookstore-service-routes/books-bought` |
                """).contains("""
                | `bookstore/bookstore` | 14001 | `*` | `bookstore/bookstore-v2` | 0% | 50% |
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
    void permissiveModeLetsEveryoneInAndTakesNothingAway() {
        SampleRepo.edit(after, "mesh.yaml", "permissive: false", "permissive: true");

        CliRun run = diff("-o", "markdown");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(out(run)).startsWith("### gitmesh plan: 33 resources changed, 29 routes granted, "
                + "6 workloads with new config\n")
                .contains("| `MeshConfig traffic.permissive` | modified |\n")
                .contains("| granted | `bookthief/bookthief` | `bookstore/bookstore` | 14001 | `*` |\n")
                .doesNotContain("| revoked |");
    }

    @Test
    void anInvalidSideIsAnErrorThatSaysWhichAndWhy() {
        SampleRepo.edit(after, "policy/bookstore-split.yaml", "weight: 0", "weight: none");

        CliRun run = diff();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("gitmesh: the after side (" + after + ") is invalid (1 error")
                .contains("  policy/bookstore-split.yaml:13:5: error: spec.backends[1].weight must be a number");
    }

    @Test
    void aMissingDirectoryIsAnError() {
        CliRun run = CliRun.of("diff", before.toString(), tmp.resolve("nowhere").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("gitmesh: no such directory: ");
    }

    @Test
    void aFormatDiffDoesNotPrintIsAUsageError() {
        CliRun run = diff("-o", "dot");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("gitmesh: diff prints text, json, markdown; not dot");
    }

    @Test
    void bothDirectoriesAreRequired() {
        CliRun run = CliRun.of("diff", before.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'AFTER_DIR'");
    }
}
