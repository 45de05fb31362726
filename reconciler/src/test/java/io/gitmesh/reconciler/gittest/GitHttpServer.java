package io.gitmesh.reconciler.gittest;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.errors.RepositoryNotFoundException;

/**
 * A real git smart-HTTP server in the test JVM: JGit's {@code GitServlet} on Jetty, on loopback, on
 * a free port. Serves one repository at {@code /git/repo.git}, optionally behind HTTP basic or
 * bearer authentication (answered with 401 and a Basic challenge, as git hosts do).
 */
public final class GitHttpServer implements AutoCloseable {
    private final Server server;
    private final AtomicInteger requests;

    private GitHttpServer(Server server, AtomicInteger requests) {
        this.server = server;
        this.requests = requests;
    }

    /** Serves {@code repository} without authentication. */
    public static GitHttpServer serve(Repository repository) {
        return start(repository, Optional.empty());
    }

    /** Serves {@code repository} to requests whose Authorization header is exactly {@code authorization}. */
    public static GitHttpServer serve(Repository repository, String authorization) {
        return start(repository, Optional.of(authorization));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static GitHttpServer start(Repository repository, Optional<String> authorization) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        GitServlet git = new GitServlet();
        git.setRepositoryResolver((request, name) -> {
            if (!name.equals("repo.git")) {
                throw new RepositoryNotFoundException(name);
            }
            repository.incrementOpen();
            return repository;
        });
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(git), "/git/*");
        AtomicInteger requests = new AtomicInteger();
        context.addFilter(new FilterHolder(new Guard(authorization, requests)), "/*",
                EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the git HTTP server", e);
        }
        return new GitHttpServer(server, requests);
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The repository's URL. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/git/repo.git";
    }

    /** How many HTTP requests reached the server (authorised or not). */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the git HTTP server", e);
        }
    }

    /** Lets a request through only with the expected Authorization header, when one is expected. */
    private record Guard(Optional<String> authorization, AtomicInteger requests) implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            requests.incrementAndGet();
            String given = ((HttpServletRequest) request).getHeader("Authorization");
            if (authorization.isPresent() && (given == null || !MessageDigest.isEqual(
                    given.getBytes(UTF_8), authorization.get().getBytes(UTF_8)))) {
                HttpServletResponse http = (HttpServletResponse) response;
                http.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
                http.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
