/**
 * Injection into Kubernetes manifests ({@code gitmesh inject}): Pods, and the pod templates of
 * Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs and CronJobs. Pure.
 */
package io.gitmesh.injector.manifest;
