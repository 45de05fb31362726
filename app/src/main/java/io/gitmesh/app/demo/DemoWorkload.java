package io.gitmesh.app.demo;

import com.google.protobuf.StringValue;
import io.gitmesh.model.Identity;
import io.grpc.MethodDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A workload of the bookstore that the demo runs in-process: its name, the ServiceAccount it runs as,
 * and when it serves, the labels of its pod (a Service of the sample repository selects it by them)
 * and the call it answers.
 *
 * @param podLabels empty for a client, which serves nothing
 * @param serves    the call it answers; {@code null} for a client
 */
record DemoWorkload(String name, Identity identity, Map<String, String> podLabels,
        MethodDescriptor<StringValue, StringValue> serves) {
    static final DemoWorkload BOOKBUYER = client("bookbuyer", new Identity("bookbuyer", "bookbuyer"));
    static final DemoWorkload BOOKTHIEF = client("bookthief", new Identity("bookthief", "bookthief"));
    static final DemoWorkload BOOKSTORE_V1 = bookstore("bookstore-v1", "v1");
    static final DemoWorkload BOOKSTORE_V2 = bookstore("bookstore-v2", "v2");
    static final DemoWorkload BOOKWAREHOUSE = new DemoWorkload("bookwarehouse",
            new Identity("bookwarehouse", "bookwarehouse"), Map.of("app", "bookwarehouse"), BookstoreApi.RESTOCK_BOOKS);

    /** The callers, in the order the live view shows them. */
    static final List<DemoWorkload> CALLERS = List.of(BOOKBUYER, BOOKTHIEF);
    /** The servers, in the order the live view shows them. */
    static final List<DemoWorkload> SERVERS = List.of(BOOKSTORE_V1, BOOKSTORE_V2, BOOKWAREHOUSE);
    /** The servers that also call: the bookstores restock at bookwarehouse. */
    static final List<DemoWorkload> RESTOCKING = List.of(BOOKSTORE_V1, BOOKSTORE_V2);

    DemoWorkload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identity, "identity");
        podLabels = Map.copyOf(podLabels);
        if (podLabels.isEmpty() != (serves == null)) {
            throw new IllegalArgumentException(name + ": a workload that serves has pod labels and a call, a client "
                    + "neither");
        }
    }

    private static DemoWorkload client(String name, Identity identity) {
        return new DemoWorkload(name, identity, Map.of(), null);
    }

    private static DemoWorkload bookstore(String name, String version) {
        return new DemoWorkload(name, new Identity("bookstore", name), Map.of("app", "bookstore", "version", version),
                BookstoreApi.BUY_A_BOOK);
    }
}
