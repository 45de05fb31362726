package io.gitmesh.reconciler.status;

import java.util.Objects;

/**
 * Where gitmesh's Events go and who they say reported them.
 *
 * @param namespace  gitmesh's namespace; the Events and the object they are about live there
 * @param apiVersion the regarding object's apiVersion, e.g. {@code apps/v1}
 * @param kind       the regarding object's kind, e.g. {@code Deployment}
 * @param name       the regarding object's name, e.g. {@code gitmesh}
 * @param uid        the regarding object's uid, or "" when unknown; {@code kubectl describe} lists only
 *                   Events that name the object's uid ({@code kubectl events --for} does without)
 * @param instance   this replica (its pod name), the Event's reportingInstance
 */
public record EventSettings(String namespace, String apiVersion, String kind, String name, String uid,
        String instance) {
    /** The Events' reportingController. */
    public static final String CONTROLLER = "gitmesh.io/reconciler";

    public EventSettings {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(instance, "instance");
    }
}
