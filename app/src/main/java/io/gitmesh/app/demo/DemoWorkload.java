package io.gitmesh.app.demo;

import io.gitmesh.model.Identity;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A workload of the bookstore that the demo runs in-process: its name, the ServiceAccount it runs as,
 * and the labels of its pod when it serves (a Service of the sample repository selects it by them).
 *
 * @param podLabels empty for a client, which serves nothing
 */
record DemoWorkload(String name, Identity identity, Map<String, String> podLabels) {
    static final DemoWorkload BOOKBUYER = client("bookbuyer", new Identity("bookbuyer", "bookbuyer"));
    static final DemoWorkload BOOKTHIEF = client("bookthief", new Identity("bookthief", "bookthief"));
    static final DemoWorkload BOOKSTORE_V1 = server("bookstore-v1", new Identity("bookstore", "bookstore-v1"), "v1");
    static final DemoWorkload BOOKSTORE_V2 = server("bookstore-v2", new Identity("bookstore", "bookstore-v2"), "v2");
    static final DemoWorkload BOOKWAREHOUSE = new DemoWorkload("bookwarehouse",
            new Identity("bookwarehouse", "bookwarehouse"), Map.of("app", "bookwarehouse"));

    /** The callers, in the order the live view shows them. */
    static final List<DemoWorkload> CALLERS = List.of(BOOKBUYER, BOOKTHIEF);
    /** The servers, in the order the live view shows them. */
    static final List<DemoWorkload> SERVERS = List.of(BOOKSTORE_V1, BOOKSTORE_V2, BOOKWAREHOUSE);

    DemoWorkload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identity, "identity");
        podLabels = Map.copyOf(podLabels);
    }

    private static DemoWorkload client(String name, Identity identity) {
        return new DemoWorkload(name, identity, Map.of());
    }

    private static DemoWorkload server(String name, Identity identity, String version) {
        return new DemoWorkload(name, identity, Map.of("app", "bookstore", "version", version));
    }
}
