package io.gitmesh.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.gitmesh.reconciler.trigger.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoints of {@code gitmesh run} (DESIGN.md §7): {@code /healthz}, {@code /readyz},
 * {@code /metrics} (Prometheus text), {@code /status} (JSON), {@code /debug/config?workload=NS/SA}
 * and {@code /hooks/git} (push webhook, HMAC-verified). Each request runs on a virtual thread; a
 * handler's failure is a 500 with a one-line message, never a stack trace.
 */
public final class HttpEndpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);
    /** Largest webhook body read; GitHub caps payloads at 25 MB, but a push event is a few kB. */
    public static final int MAX_HOOK_BODY = 1 << 20;

    /** What the endpoints show and do; every part is supplied by the running control plane. */
    public record Handlers(BooleanSupplier ready, Supplier<String> metrics, Supplier<String> status,
            Function<String, Optional<String>> debugConfig, Optional<WebhookVerifier> webhook, Runnable onPush) {
        public Handlers {
            Objects.requireNonNull(ready);
            Objects.requireNonNull(metrics);
            Objects.requireNonNull(status);
            Objects.requireNonNull(debugConfig);
            Objects.requireNonNull(webhook);
            Objects.requireNonNull(onPush);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private HttpEndpoints(HttpServer server) {
        this.server = server;
    }

    public static HttpEndpoints start(InetSocketAddress address, Handlers handlers) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        HttpEndpoints endpoints = new HttpEndpoints(server);
        server.setExecutor(endpoints.executor);
        context(server, "/healthz", ex -> respond(ex, 200, "text/plain", "ok\n"));
        context(server, "/readyz", ex -> {
            boolean ready = handlers.ready().getAsBoolean();
            respond(ex, ready ? 200 : 503, "text/plain", ready ? "ready\n" : "not ready: no revision applied yet\n");
        });
        context(server, "/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                handlers.metrics().get()));
        context(server, "/status", ex -> respond(ex, 200, "application/json", handlers.status().get()));
        context(server, "/debug/config", ex -> debugConfig(ex, handlers));
        context(server, "/hooks/git", ex -> hook(ex, handlers));
        server.start();
        LOG.info("http endpoints listening address={}", server.getAddress());
        return endpoints;
    }

    /** Registers a handler whose failure becomes a 500 with one line, logged once. */
    private static void context(HttpServer server, String path, HttpHandler handler) {
        server.createContext(path, ex -> {
            try {
                if (!ex.getRequestURI().getPath().equals(path)) {
                    respond(ex, 404, "text/plain", "not found\n");
                    return;
                }
                handler.handle(ex);
            } catch (RuntimeException e) {
                LOG.error("{} failed: {}", path, e.toString());
                respond(ex, 500, "text/plain", "internal error; see the gitmesh log\n");
            } finally {
                ex.close();
            }
        });
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private static void debugConfig(HttpExchange ex, Handlers handlers) throws IOException {
        String workload = query(ex).get("workload");
        if (workload == null) {
            respond(ex, 400, "text/plain", "name a workload: /debug/config?workload=NAMESPACE/SERVICEACCOUNT\n");
            return;
        }
        Optional<String> config = handlers.debugConfig().apply(workload);
        if (config.isEmpty()) {
            respond(ex, 404, "text/plain", "no config for workload " + workload + "\n");
        } else {
            respond(ex, 200, "application/json", config.get());
        }
    }

    private static void hook(HttpExchange ex, Handlers handlers) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().add("Allow", "POST");
            respond(ex, 405, "text/plain", "POST a push event here\n");
            return;
        }
        if (handlers.webhook().isEmpty()) {
            respond(ex, 404, "text/plain", "the push webhook is not enabled (no secret configured)\n");
            return;
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_HOOK_BODY + 1);
        }
        if (body.length > MAX_HOOK_BODY) {
            respond(ex, 413, "text/plain", "body over " + MAX_HOOK_BODY + " bytes\n");
            return;
        }
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                values.isEmpty() ? "" : values.getFirst()));
        switch (handlers.webhook().get().verify(headers, body)) {
            case VALID -> {
                handlers.onPush().run();
                respond(ex, 202, "text/plain", "reconcile triggered\n");
            }
            case MALFORMED -> respond(ex, 400, "text/plain", "malformed signature header\n");
            case MISSING -> respond(ex, 401, "text/plain", "missing signature (X-Hub-Signature-256)\n");
            case MISMATCH -> {
                LOG.warn("refused a push webhook with a bad signature from={}", ex.getRemoteAddress());
                respond(ex, 401, "text/plain", "bad signature\n");
            }
        }
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> params = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
