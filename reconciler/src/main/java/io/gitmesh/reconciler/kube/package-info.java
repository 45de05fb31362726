/**
 * The live cluster (DESIGN.md §2, reconciler): fabric8 informers on Namespaces, Services,
 * EndpointSlices, Pods and ServiceAccounts feed the same {@link io.gitmesh.schema.kube.KubeObject}
 * records the schema reads from cluster-state files, so a live object and a file mean the same thing.
 * Only namespaces enrolled in the mesh count. A change that alters what gitmesh reads (not a resync,
 * not a status field it ignores) is signalled once the cluster has been quiet for a moment
 * ({@link io.gitmesh.reconciler.kube.Debouncer}), so a rollout is a handful of recompiles, not one per pod.
 */
package io.gitmesh.reconciler.kube;
