package io.gitmesh.injector.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook over HTTPS (the JDK's server): {@code POST /mutate-pods} answers AdmissionReviews through
 * the {@link AdmissionHandler}, {@code GET /healthz} answers {@code ok} for the Deployment's probes.
 * Bodies above {@value #MAX_BODY_BYTES} bytes get a 413 unread; other paths 404, other methods 405; an
 * unexpected failure is logged and answered 500 with a one-line message, never a stack trace. Each
 * request runs on its own virtual thread.
 */
public final class WebhookServer implements AutoCloseable {
    public static final String MUTATE_PATH = "/mutate-pods";
    public static final String HEALTH_PATH = "/healthz";
    /**
     * 7 MiB: the API server caps a request body at 3 MiB, and an AdmissionReview carries the object, and for
     * an UPDATE the old object too, in an envelope.
     */
    public static final int MAX_BODY_BYTES = 7 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);

    private final HttpsServer server;
    private final ExecutorService executor;

    private WebhookServer(HttpsServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens on {@code address} (port 0: any free port), then publishes the CA bundle.
     *
     * @throws IOException              if the address cannot be bound
     * @throws GeneralSecurityException if the TLS material is unusable
     */
    public static WebhookServer start(InetSocketAddress address, WebhookTls tls, AdmissionHandler handler,
            CaBundlePublisher publisher) throws IOException, GeneralSecurityException {
        return start(address, tls.sslContext(), tls.caBundlePem(), handler, publisher);
    }

    /**
     * Listens on {@code address} with the TLS of {@code sslContext} (whose key manager may swap a renewed
     * certificate in while serving), then publishes {@code caBundlePem}.
     *
     * @throws IOException if the address cannot be bound
     */
    public static WebhookServer start(InetSocketAddress address, SSLContext sslContext, String caBundlePem,
            AdmissionHandler handler, CaBundlePublisher publisher) throws IOException {
        Objects.requireNonNull(handler, "handler");
        HttpsServer server = HttpsServer.create(address, 0);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext));
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, handler));
        server.start();
        WebhookServer started = new WebhookServer(server, executor);
        LOG.info("injector webhook listening address={} path={}", started.address(), MUTATE_PATH);
        publisher.publish(caBundlePem);
        return started;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private static void serve(HttpExchange exchange, AdmissionHandler handler) {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(HEALTH_PATH) && method.equals("GET")) {
                send(exchange, new WebhookAnswer(200, "ok\n".getBytes(StandardCharsets.US_ASCII)), "text/plain");
            } else if (!path.equals(MUTATE_PATH)) {
                send(exchange, WebhookAnswer.message(404, "no such path; the webhook is POST " + MUTATE_PATH));
            } else if (!method.equals("POST")) {
                send(exchange, WebhookAnswer.message(405, "use POST"));
            } else {
                send(exchange, mutate(exchange, handler));
            }
        } catch (IOException e) {
            LOG.debug("admission request from {} abandoned: {}", exchange.getRemoteAddress(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("admission request from {} failed", exchange.getRemoteAddress(), e);
            try {
                send(exchange, WebhookAnswer.message(500, "internal error in the gitmesh injector; see its log"));
            } catch (IOException | RuntimeException alreadyAnswered) {
                LOG.debug("could not answer the failed request: {}", alreadyAnswered.toString());
            }
        } finally {
            exchange.close();
        }
    }

    private static WebhookAnswer mutate(HttpExchange exchange, AdmissionHandler handler) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return WebhookAnswer.message(413, "the AdmissionReview is over " + MAX_BODY_BYTES + " bytes");
        }
        return handler.handle(body);
    }

    private static void send(HttpExchange exchange, WebhookAnswer answer) throws IOException {
        send(exchange, answer, "application/json");
    }

    private static void send(HttpExchange exchange, WebhookAnswer answer, String contentType) throws IOException {
        byte[] body = answer.body();
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
