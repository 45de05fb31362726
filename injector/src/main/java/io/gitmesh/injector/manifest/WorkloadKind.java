package io.gitmesh.injector.manifest;

import java.util.Arrays;
import java.util.Optional;

/** The kinds whose documents hold a pod, and where: the pod itself, or its template. */
enum WorkloadKind {
    POD("v1", "Pod", ""),
    REPLICATION_CONTROLLER("v1", "ReplicationController", "/spec/template"),
    DEPLOYMENT("apps/v1", "Deployment", "/spec/template"),
    STATEFUL_SET("apps/v1", "StatefulSet", "/spec/template"),
    DAEMON_SET("apps/v1", "DaemonSet", "/spec/template"),
    REPLICA_SET("apps/v1", "ReplicaSet", "/spec/template"),
    JOB("batch/v1", "Job", "/spec/template"),
    CRON_JOB("batch/v1", "CronJob", "/spec/jobTemplate/spec/template");

    private final String apiVersion;
    private final String kind;
    private final String podPointer;

    WorkloadKind(String apiVersion, String kind, String podPointer) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.podPointer = podPointer;
    }

    /** The JSON pointer of the object with the pod's {@code metadata} and {@code spec}; "" for a Pod. */
    String podPointer() {
        return podPointer;
    }

    static Optional<WorkloadKind> of(String apiVersion, String kind) {
        return Arrays.stream(values()).filter(k -> k.apiVersion.equals(apiVersion) && k.kind.equals(kind))
                .findFirst();
    }
}
