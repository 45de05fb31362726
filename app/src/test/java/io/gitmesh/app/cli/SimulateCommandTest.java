package io.gitmesh.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitmesh simulate} on sample-repo: the bookstore demo's calls. */
class SimulateCommandTest {
    private static CliRun simulate(String... options) {
        List<String> args = new ArrayList<>(List.of("simulate", SampleRepo.PATH.toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void bookbuyerGetsTheBooksItBoughtFromV1() {
        CliRun run = simulate("--from", "bookbuyer/bookbuyer", "--to", "bookstore.bookstore:14001",
                "--path", "/books-bought", "--header", "client-app=bookbuyer",
                "--header", "user-agent=Go-http-client/1.1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                allowed: bookbuyer/bookbuyer -> bookstore/bookstore:14001
                  allowed by HTTPRouteGroup bookstore/bookstore-service-routes match books-bought
                  backends: bookstore/bookstore-v1 100%
                """);
    }

    @Test
    void withoutItsHeadersBookbuyerIsDenied() {
        CliRun run = simulate("--from", "bookbuyer/bookbuyer", "--to", "bookstore.bookstore:14001",
                "--path", "/books-bought");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("denied: bookbuyer/bookbuyer -> bookstore/bookstore:14001\n")
                .contains("match books-bought (header client-app is missing)");
    }

    @Test
    void jsonSaysWhetherWhyAndWhere() {
        CliRun allowed = simulate("--from", "bookstore/bookstore-v2", "--to", "bookwarehouse.bookwarehouse",
                "--method", "POST", "--path", "/restock-books", "-o", "json");
        CliRun denied = simulate("--from", "bookthief/bookthief", "--to", "bookstore.bookstore.svc.cluster.local:14001",
                "-o", "json");

        assertThat(allowed.exitCode()).isZero();
        assertThat(allowed.out()).isEqualTo("""
                {
                  "allowed" : true,
                  "destination" : "bookwarehouse/bookwarehouse",
                  "port" : 14001,
                  "reason" : "allowed by HTTPRouteGroup bookwarehouse/bookwarehouse-service-routes match restock-books",
                  "backends" : [ {
                    "service" : "bookwarehouse/bookwarehouse",
                    "weight" : 100
                  } ]
                }
                """);
        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.out()).isEqualTo("""
                {
                  "allowed" : false,
                  "destination" : "bookstore/bookstore",
                  "port" : 14001,
                  "reason" : "no TrafficTarget lets bookthief/bookthief reach bookstore/bookstore:14001",
                  "backends" : [ ]
                }
                """);
    }

    @Test
    void aVersionThatDoesNotAdmitTheCallerRefusesItsShare(@TempDir Path tmp) {
        Path repo = SampleRepo.copy(tmp, "pr");
        SampleRepo.shiftHalfToV2(repo);
        SampleRepo.letBookthiefBuyFromV1(repo);

        CliRun run = CliRun.of("simulate", repo.toString(), "--from", "bookthief/bookthief",
                "--to", "bookstore.bookstore:14001", "--path", "/buy-a-book/new");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                allowed: bookthief/bookthief -> bookstore/bookstore:14001
                  allowed by HTTPRouteGroup bookstore/bookstore-service-routes match buy-a-book; but \
                bookstore/bookstore-v2 refuses its 50% share (no TrafficTarget lets bookthief/bookthief reach \
                bookstore/bookstore-v2)
                  backends: bookstore/bookstore-v1 50%
                """);
    }

    @Test
    void refReadsACommitAndWithoutItTheWorkingTreeIsRead(@TempDir Path tmp) {
        try (PolicyHistory history = PolicyHistory.ofSampleRepo(tmp)) {
            history.commit("The bookstore as it is");
            SampleRepo.letBookthiefBuyFromV1(history.dir());
            history.commit("bookthief may buy from v1");
            SampleRepo.shiftHalfToV2(history.dir());
            String dir = history.dir().toString();
            String[] call = {"--from", "bookthief/bookthief", "--to", "bookstore.bookstore:14001", "--path",
                "/buy-a-book/new"};

            CliRun before = CliRun.of(concat(new String[] {"simulate", dir, "--ref", "HEAD~1"}, call));
            CliRun head = CliRun.of(concat(new String[] {"simulate", dir, "--ref", "HEAD"}, call));
            CliRun workingTree = CliRun.of(concat(new String[] {"simulate", dir}, call));

            assertThat(before.exitCode()).as(before.err()).isEqualTo(1);
            assertThat(head.exitCode()).as(head.err()).isZero();
            assertThat(head.out()).endsWith("  backends: bookstore/bookstore-v1 100%\n");
            assertThat(workingTree.exitCode()).as(workingTree.err()).isZero();
            assertThat(workingTree.out()).endsWith("  backends: bookstore/bookstore-v1 50%\n");
        }
    }

    @Test
    void aRefNeedsAGitRepositoryThatHasIt(@TempDir Path tmp) {
        Path plain = SampleRepo.copy(tmp, "plain");
        try (PolicyHistory history = PolicyHistory.ofSampleRepo(tmp)) {
            history.commit("The bookstore as it is");

            CliRun unknown = CliRun.of("simulate", history.dir().toString(), "--ref", "nope", "--from",
                    "bookbuyer/bookbuyer", "--to", "bookstore.bookstore");
            CliRun notGit = CliRun.of("simulate", plain.toString(), "--ref", "HEAD", "--from", "bookbuyer/bookbuyer",
                    "--to", "bookstore.bookstore");

            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.err()).isEqualTo("gitmesh: --ref: \"nope\" names no commit in "
                    + history.dir().toAbsolutePath() + System.lineSeparator());
            assertThat(notGit.exitCode()).isEqualTo(2);
            assertThat(notGit.err()).isEqualTo("gitmesh: " + plain.toAbsolutePath() + " is not inside a git "
                    + "repository" + System.lineSeparator());
        }
    }

    private static String[] concat(String[] first, String[] second) {
        return Stream.concat(Stream.of(first), Stream.of(second)).toArray(String[]::new);
    }

    @Test
    void tcpToMysqlIsAllowedForBookwarehouse() {
        CliRun run = simulate("--from", "bookwarehouse/bookwarehouse", "--to", "mysql:3306");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("open TCP connections to bookwarehouse/mysql:3306");
    }

    @Test
    void aHostTheMeshDoesNotHaveIsAnError() {
        CliRun run = simulate("--from", "bookbuyer/bookbuyer", "--to", "bookstore.bookstore:80");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("gitmesh: bookstore/bookstore has no port 80 (ports: 14001)\n");
    }

    @Test
    void anIdentityIsWrittenNamespaceSlashServiceAccount() {
        CliRun run = simulate("--from", "bookbuyer", "--to", "bookstore.bookstore");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--from'")
                .contains("write an identity as NS/SA (namespace/ServiceAccount), not \"bookbuyer\"");
    }

    @Test
    void anEmptyHeaderNameIsAnError() {
        CliRun run = simulate("--from", "bookbuyer/bookbuyer", "--to", "bookstore.bookstore", "--header", "=x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("gitmesh: not a call to simulate: header name must not be empty\n");
    }

    @Test
    void fromAndToAreRequired() {
        CliRun run = simulate("--to", "bookstore.bookstore");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--from=NS/SA'");
    }
}
