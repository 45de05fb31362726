package io.gitmesh.app.demo;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The demo's words: each step announced before it runs, and how it went. */
final class DemoText {
    private DemoText() {
    }

    static List<String> starting(Path directory) {
        return List.of("gitmesh demo: the bookstore mesh on this machine, changed by commits to its git repository.",
                "Setting up in " + directory + " ...");
    }

    /** Where everything is and what runs. */
    static List<String> started(DemoMesh mesh, int callsPerSecond) {
        Path root = mesh.repository().root();
        InetSocketAddress http = mesh.controlPlane().httpAddress();
        return List.of(
                "  repository  " + root + "  (a real git repository: git -C " + root + " log --stat)",
                "  gitmesh     follows it; xDS over mTLS on " + address(mesh.controlPlane().xdsAddress())
                        + ", status at http://" + address(http) + "/status;",
                "              each commit is announced by a push webhook (POST /hooks/git, signed with HMAC-SHA256 "
                        + "and a generated secret), as a git host would",
                "  workloads   proxyless gRPC in this process, each with its own identity, xDS bootstrap and "
                        + "certificate from gitmesh's CA; mTLS between them:",
                "              servers bookstore-v1, bookstore-v2 and bookwarehouse; callers bookbuyer and bookthief, "
                        + "each calling bookstore " + callsPerSecond + " times a second;",
                "              and the bookstores restock at bookwarehouse, each "
                        + DemoMesh.restocksPerSecond(callsPerSecond) + " times a second",
                "              (where gitmesh gives bookthief no route, it calls bookstore-v1's pod directly, and RBAC "
                        + "decides)",
                "  logs        " + root.resolveSibling("gitmesh.log") + ", " + root.resolveSibling("grpc.log"));
    }

    /** After the steps of the live view. */
    static List<String> afterScript(Path root, Duration poll) {
        return List.of("", "That was the script; the mesh keeps running. Make a change of your own: edit a file in "
                        + root.resolve("policy") + ", then",
                "  git -C " + root + " commit -am \"my change\"",
                "gitmesh picks it up within " + poll.toSeconds() + " s (it polls the repository too). "
                        + "Stop with Ctrl-C.");
    }

    /** Before a step: what it does and what to look at. */
    static List<String> announce(int number, int steps, Step step) {
        return List.of("", "[" + number + "/" + steps + "] " + step.title(), "  what:     " + step.does(),
                "  look at:  " + step.lookAt());
    }

    /** After a step: the commit, gitmesh's verdict and its problems, expected and observed traffic, timings. */
    static List<String> result(StepResult result) {
        List<String> lines = new ArrayList<>();
        lines.add("  commit:   " + result.commit() + " -> " + result.outcome() + result.appliedMillis()
                .filter(ms -> !result.diagnostics().isEmpty()).map(ms -> " (" + ms + " ms after the push)").orElse(""));
        result.diagnostics().forEach(problem -> lines.add("            " + problem));
        lines.add("  expected: " + result.expected());
        lines.add("  observed: " + result.observed());
        lines.add("  " + result.convergedMillis()
                .map(ms -> "converged " + ms + " ms after " + (result.number() == 1 ? "the first call" : "the push")
                        + (result.diagnostics().isEmpty() ? "" : " (traffic unchanged)"))
                .orElse("DID NOT CONVERGE within the step's time"));
        return lines;
    }

    private static String address(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /** The end of a script run: per step, what was expected, what was observed and how it ended; then the verdict. */
    static List<String> summary(DemoReport report) {
        List<String> lines = new ArrayList<>(List.of("", "summary:"));
        for (StepResult step : report.steps()) {
            String indent = " ".repeat(22);
            lines.add(String.format(Locale.ROOT, "  %d. %-16s expected %s", step.number(), step.title(),
                    step.expected()));
            lines.add(indent + "observed " + step.observed());
            lines.add(indent + step.outcome() + ", " + step.convergedMillis()
                    .map(ms -> "converged in " + ms + " ms").orElse("DID NOT CONVERGE"));
        }
        long converged = report.steps().stream().filter(StepResult::converged).count();
        lines.add(converged + " of " + report.steps().size() + " steps converged. The demo's repository: "
                + report.repository() + " (git -C " + report.repository() + " log --stat)");
        return lines;
    }
}
