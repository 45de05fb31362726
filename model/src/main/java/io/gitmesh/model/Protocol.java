package io.gitmesh.model;

/** The application protocol of a Service port, as the mesh proxies it. */
public enum Protocol {
    /** HTTP/1.1 (and HTTP/2 with prior knowledge negotiated by the proxies). */
    HTTP,
    /** HTTP/2 in clear text ({@code http2}, {@code h2c}). */
    HTTP2,
    /** gRPC (HTTP/2). */
    GRPC,
    /** Opaque TCP: the proxy forwards bytes (TLS passthrough, databases, ...). */
    TCP,
    /** UDP datagrams. */
    UDP;

    /** Whether requests on this port are HTTP requests that HTTP route matches apply to. */
    public boolean isHttp() {
        return this == HTTP || this == HTTP2 || this == GRPC;
    }
}
