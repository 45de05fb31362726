package io.gitmesh.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies of sample-repo/ (the bookstore demo as a policy repository), edited as a pull request would. */
final class SampleRepo {
    static final Path PATH = Path.of(System.getProperty("gitmesh.root", "..")).resolve("sample-repo").normalize();

    private SampleRepo() {
    }

    /** A copy of sample-repo in {@code parent}, named {@code name}. */
    static Path copy(Path parent, String name) {
        SharedData.copyInto(PATH, parent.resolve(name));
        return parent.resolve(name).resolve(PATH.getFileName());
    }

    /** Replaces {@code from} (which must occur) with {@code to} in the repository's {@code file}. */
    static void edit(Path repo, String file, String from, String to) {
        try {
            Path path = repo.resolve(file);
            String text = Files.readString(path);
            assertThat(text).as(file).contains(from);
            Files.writeString(path, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pull request that shifts half of bookstore's traffic to v2 (100/0 to 50/50). */
    static void shiftHalfToV2(Path repo) {
        edit(repo, "policy/bookstore-split.yaml", "weight: 100", "weight: 50");
        edit(repo, "policy/bookstore-split.yaml", "weight: 0", "weight: 50");
    }

    /** The pull request that adds bookthief as a source of the TrafficTarget to bookstore-v1 (not v2). */
    static void letBookthiefBuyFromV1(Path repo) {
        edit(repo, "policy/bookstore-access.yaml", """
                  sources:
                  - kind: ServiceAccount
                    name: bookbuyer
                    namespace: bookbuyer
                ---""", """
                  sources:
                  - kind: ServiceAccount
                    name: bookbuyer
                    namespace: bookbuyer
                  - kind: ServiceAccount
                    name: bookthief
                    namespace: bookthief
                ---""");
    }
}
