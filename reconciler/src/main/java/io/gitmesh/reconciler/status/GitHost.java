package io.gitmesh.reconciler.status;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A git host's commit status API: where a status for a commit is posted and how. The status is named
 * {@value #CONTEXT}; its state is success for an applied commit and failure for a refused one.
 */
public sealed interface GitHost {
    String CONTEXT = "gitmesh";
    Duration TIMEOUT = Duration.ofSeconds(10);

    /** The request that posts the status; the token goes in a header only. */
    HttpRequest request(String commit, boolean success, String description, String token);

    /**
     * GitHub ({@code POST /repos/{owner}/{repo}/statuses/{sha}}).
     *
     * @param api {@code https://api.github.com}, or a GitHub Enterprise {@code https://host/api/v3}
     */
    record GitHub(URI api, String owner, String repository) implements GitHost {
        /** GitHub limits a status description to 140 characters. */
        static final int MAX_DESCRIPTION = 140;

        public GitHub {
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(repository, "repository");
        }

        @Override
        public HttpRequest request(String commit, boolean success, String description, String token) {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("state", success ? "success" : "failure")
                    .put("context", CONTEXT).put("description", shorten(description, MAX_DESCRIPTION));
            return post(api, "/repos/" + segment(owner) + "/" + segment(repository) + "/statuses/" + commit, body)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28").build();
        }
    }

    /**
     * GitLab ({@code POST /projects/{id}/statuses/{sha}}).
     *
     * @param api     {@code https://gitlab.com/api/v4}, or a self-managed instance's
     * @param project the numeric id or the full path ({@code group/project}), URL-encoded here
     */
    record GitLab(URI api, String project) implements GitHost {
        /** GitLab keeps 255 characters of a description. */
        static final int MAX_DESCRIPTION = 255;

        public GitLab {
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(project, "project");
        }

        @Override
        public HttpRequest request(String commit, boolean success, String description, String token) {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("state", success ? "success" : "failed")
                    .put("name", CONTEXT).put("description", shorten(description, MAX_DESCRIPTION));
            return post(api, "/projects/" + segment(project) + "/statuses/" + commit, body)
                    .header("PRIVATE-TOKEN", token).build();
        }
    }

    private static HttpRequest.Builder post(URI api, String path, ObjectNode body) {
        String base = api.toString().endsWith("/") ? api.toString().substring(0, api.toString().length() - 1)
                : api.toString();
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), UTF_8));
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, UTF_8).replace("+", "%20");
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
