/**
 * Pod mutation, pure: settings, namespace labels and a pod (or pod template) in, the injected pod — or
 * the reason it is left alone, or the problems that refuse it — out. No API calls, no certificates,
 * no key generation, no clock: {@link io.gitmesh.injector.mutate.PodMutator} is the entry point.
 */
package io.gitmesh.injector.mutate;
