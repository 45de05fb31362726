package io.gitmesh.model;

import java.util.Comparator;

/** One address behind a Service port: a pod IP and the port it serves on. */
public record Endpoint(String address, int port, boolean ready) implements Comparable<Endpoint> {
    private static final Comparator<Endpoint> ORDER = Comparator.comparing(Endpoint::address)
            .thenComparingInt(Endpoint::port)
            .thenComparing(Endpoint::ready);

    public Endpoint {
        Values.requireText(address, "address");
        Values.requirePort(port, "port");
    }

    @Override
    public int compareTo(Endpoint o) {
        return ORDER.compare(this, o);
    }
}
