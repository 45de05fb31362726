package io.gitmesh.app.demo;

import java.util.List;

/**
 * The demo's steps, made on a copy of sample-repo/: the bookstore as it is, the traffic split moved
 * twice, bookthief let in, a commit gitmesh refuses, and {@code git revert} back to the start.
 */
final class DemoScript {
    private static final String SPLIT_FILE = "policy/bookstore-split.yaml";
    private static final String ACCESS_FILE = "policy/bookstore-access.yaml";
    private static final String BOOKBUYER_SOURCE = """
              sources:
              - kind: ServiceAccount
                name: bookbuyer
                namespace: bookbuyer
            """;
    private static final String BOOKTHIEF_SOURCE = """
              - kind: ServiceAccount
                name: bookthief
                namespace: bookthief
            """;

    private DemoScript() {
    }

    static List<Step> steps() {
        return List.of(
                new Step("start",
                        "gitmesh serves the sample repository as it is: its TrafficSplit sends all of bookstore to "
                                + "v1, and its TrafficTargets let bookbuyer buy from both versions, bookthief from "
                                + "neither.",
                        "bookstore-v1 answers every call of bookbuyer. gitmesh gives bookthief no route to "
                                + "bookstore, so bookthief calls bookstore-v1's pod directly; the pod's RBAC denies it "
                                + "by the SPIFFE ID in bookthief's mTLS certificate.",
                        new Step.Change.FirstCommit(), TrafficExpectation.bookstore(100, 0, false), false),
                new Step("split 50/50",
                        "Commit: " + SPLIT_FILE + " gives bookstore-v1 and bookstore-v2 a weight of 50 each.",
                        "bookbuyer's calls spread evenly over v1 and v2.",
                        new Step.Change.Commit("Split bookstore 50/50 between v1 and v2",
                                List.of(split("100", "0", "50", "50"))),
                        TrafficExpectation.bookstore(50, 50, false), false),
                new Step("all to v2",
                        "Commit: " + SPLIT_FILE + " gives bookstore-v2 all the weight.",
                        "v1 stops answering; v2 answers every call.",
                        new Step.Change.Commit("Send all of bookstore to v2", List.of(split("50", "50", "0", "100"))),
                        TrafficExpectation.bookstore(0, 100, false), false),
                new Step("allow bookthief",
                        "Commit: " + ACCESS_FILE + " adds bookthief as a source of both bookstore TrafficTargets.",
                        "bookthief gets a route from gitmesh and is admitted: its calls are answered by v2.",
                        new Step.Change.Commit("Let bookthief buy from bookstore",
                                List.of(new TextEdit(ACCESS_FILE, BOOKBUYER_SOURCE,
                                        BOOKBUYER_SOURCE + BOOKTHIEF_SOURCE))),
                        TrafficExpectation.bookstore(0, 100, true), false),
                new Step("a bad commit",
                        "Commit: " + SPLIT_FILE + " with weights written as percentages (10%, 90%), which a "
                                + "TrafficSplit does not allow.",
                        "gitmesh refuses the commit and says where the problem is (file:line); the mesh keeps "
                                + "the last good commit, so traffic does not change.",
                        new Step.Change.Commit("Send 10% of bookstore back to v1",
                                List.of(split("0", "100", "10%", "90%"))),
                        TrafficExpectation.bookstore(0, 100, true), true),
                new Step("git revert",
                        "git revert of the four commits after the first (the bad one included), pushed at once: "
                                + "the repository's files are those of the first commit again.",
                        "the mesh is back to the start: v1 answers everything, bookthief is denied again; "
                                + "gitmesh serves the very config (same xDS versions) it served for the first commit.",
                        new Step.Change.RevertToFirst(), TrafficExpectation.bookstore(100, 0, false), false));
    }

    private static TextEdit split(String v1Before, String v2Before, String v1After, String v2After) {
        return new TextEdit(SPLIT_FILE, backends(v1Before, v2Before), backends(v1After, v2After));
    }

    private static String backends(String v1Weight, String v2Weight) {
        return """
                  - service: bookstore-v1
                    weight: %s
                  - service: bookstore-v2
                    weight: %s
                """.formatted(v1Weight, v2Weight);
    }
}
