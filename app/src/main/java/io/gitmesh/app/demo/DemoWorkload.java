package io.gitmesh.app.demo;

import com.google.protobuf.StringValue;
import io.gitmesh.model.Identity;
import io.grpc.MethodDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A workload of the bookstore that the demo runs in-process: its name, the ServiceAccount it runs as,
 * and what it serves, if it does.
 */
record DemoWorkload(String name, Identity identity, Optional<Serving> serving) {
    static final DemoWorkload BOOKBUYER = client("bookbuyer", new Identity("bookbuyer", "bookbuyer"));
    static final DemoWorkload BOOKTHIEF = client("bookthief", new Identity("bookthief", "bookthief"));
    static final DemoWorkload BOOKSTORE_V1 = bookstore("bookstore-v1", "v1");
    static final DemoWorkload BOOKSTORE_V2 = bookstore("bookstore-v2", "v2");
    static final DemoWorkload BOOKWAREHOUSE = new DemoWorkload("bookwarehouse",
            new Identity("bookwarehouse", "bookwarehouse"),
            Optional.of(new Serving(Map.of("app", "bookwarehouse"), BookstoreApi.RESTOCK_BOOKS)));

    /** The callers, in the order the live view shows them. */
    static final List<DemoWorkload> CALLERS = List.of(BOOKBUYER, BOOKTHIEF);
    /** The servers, in the order the live view shows them. */
    static final List<DemoWorkload> SERVERS = List.of(BOOKSTORE_V1, BOOKSTORE_V2, BOOKWAREHOUSE);
    /** The servers that also call: the bookstores restock at bookwarehouse. */
    static final List<DemoWorkload> RESTOCKING = List.of(BOOKSTORE_V1, BOOKSTORE_V2);

    DemoWorkload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(serving, "serving");
    }

    /**
     * What a server serves.
     *
     * @param podLabels the labels of its pod, by which a Service of the sample repository selects it
     * @param call      the call it answers
     */
    record Serving(Map<String, String> podLabels, MethodDescriptor<StringValue, StringValue> call) {
        Serving {
            podLabels = Map.copyOf(podLabels);
            Objects.requireNonNull(call, "call");
        }
    }

    /** What it serves; only for a server. */
    Serving served() {
        return serving.orElseThrow(() -> new IllegalStateException(name + " serves nothing"));
    }

    private static DemoWorkload client(String name, Identity identity) {
        return new DemoWorkload(name, identity, Optional.empty());
    }

    private static DemoWorkload bookstore(String name, String version) {
        return new DemoWorkload(name, new Identity("bookstore", name),
                Optional.of(new Serving(Map.of("app", "bookstore", "version", version), BookstoreApi.BUY_A_BOOK)));
    }
}
