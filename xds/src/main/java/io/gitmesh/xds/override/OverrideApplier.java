package io.gitmesh.xds.override;

import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.policy.EnvoyOverride;
import io.gitmesh.schema.policy.EnvoyPatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the overrides that select a workload to the resources generated for it, after translation
 * (DESIGN.md §6; as Istio applies EnvoyFilters, a late and isolated stage).
 *
 * <p>Order: overrides by namespace, then name (whatever order they are given in); the patches of
 * one override in the order written. An override applies whole or not at all: when one of its
 * patches fails — an added object that already exists, or a result that breaks Envoy's validation
 * rules ({@link ProtoRules}, and a domain served twice in one route configuration) — the workload's
 * resources are as they were before that override, the failure is an error diagnostic, and the next
 * override applies. A patch whose target matches nothing in this workload's config changes nothing
 * and is a warning.
 *
 * <p>Pure and deterministic: the same resources, workload and overrides give the same result.
 */
public final class OverrideApplier {

    public Patched apply(EnvoyResources resources, Workload workload, List<ValidOverride> overrides) {
        ResourceSet current = ResourceSet.of(resources);
        TargetMatcher matcher = new TargetMatcher();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<ValidOverride> ordered = overrides.stream()
                .sorted(Comparator.comparing((ValidOverride o) -> o.override().key()))
                .toList();
        for (ValidOverride override : ordered) {
            if (!selects(override.override(), workload)) {
                continue;
            }
            ResourceSet patched = current.copy();
            List<Diagnostic> found = new ArrayList<>();
            Optional<Diagnostic> failure = applyAll(override, patched, workload, matcher, found);
            if (failure.isPresent()) {
                diagnostics.add(failure.get());
            } else {
                current = patched;
                diagnostics.addAll(found);
            }
        }
        return new Patched(current.toResources(), diagnostics);
    }

    private static boolean selects(EnvoyOverride override, Workload workload) {
        return override.selector().selects(workload.namespace(), workload.serviceAccount(), workload.labels());
    }

    /** Applies the patches in order; the first failure, if any (then {@code resources} must be dropped). */
    private static Optional<Diagnostic> applyAll(ValidOverride override, ResourceSet resources, Workload workload,
            TargetMatcher matcher, List<Diagnostic> warnings) {
        EnvoyOverride source = override.override();
        for (ValidPatch valid : override.patches()) {
            EnvoyPatch patch = valid.patch();
            Outcome outcome = PatchStep.apply(valid, resources, matcher);
            Optional<String> failure = switch (outcome) {
                case Outcome.Failed failed -> Optional.of(failed.reason());
                case Outcome.NoMatch noMatch -> {
                    warnings.add(Reports.of(source, Severity.WARNING, Reports.pointerOf(patch), Reports.describe(patch)
                            + " matched nothing in the config of workload " + workload.describe()
                            + "; it changed nothing"));
                    yield Optional.empty();
                }
                case Outcome.Changed changed -> broken(changed.resources(), resources);
            };
            if (failure.isPresent()) {
                return Optional.of(Reports.of(source, Severity.ERROR, Reports.pointerOf(patch),
                        Reports.describe(patch) + " failed for workload " + workload.describe() + ": "
                                + failure.get() + ". " + source.key() + " is not applied to this workload, which"
                                + " is served without it"));
            }
        }
        return Optional.empty();
    }

    /** Why the changed resources would be rejected by Envoy, or empty. */
    private static Optional<String> broken(List<ResourceRef> changed, ResourceSet resources) {
        for (ResourceRef ref : changed) {
            Message resource = resources.of(ref.type()).get(ref.name());
            List<String> problems = new ArrayList<>(ProtoRules.check(resource, FieldPath.ROOT).stream()
                    .map(Finding::message).toList());
            problems.addAll(domainsServedTwice(resource));
            if (!problems.isEmpty()) {
                return Optional.of("the patched " + ref.describe() + " would be rejected by Envoy: "
                        + String.join("; ", problems));
            }
        }
        return Optional.empty();
    }

    /**
     * Envoy rejects a route configuration that serves one domain in two virtual hosts: a route
     * configuration resource, or one inline in a listener.
     */
    private static List<String> domainsServedTwice(Message resource) {
        List<RouteConfiguration> routes = new ArrayList<>();
        if (resource instanceof RouteConfiguration routeConfiguration) {
            routes.add(routeConfiguration);
        } else if (resource instanceof Listener listener) {
            try {
                ConnectionManagers.of(listener).stream().filter(HttpConnectionManager::hasRouteConfig)
                        .forEach(manager -> routes.add(manager.getRouteConfig()));
            } catch (PatchFailure e) {
                return List.of(e.getMessage());
            }
        }
        List<String> problems = new ArrayList<>();
        for (RouteConfiguration routeConfiguration : routes) {
            Map<String, String> hostOfDomain = new HashMap<>();
            for (VirtualHost host : routeConfiguration.getVirtualHostsList()) {
                for (String domain : host.getDomainsList()) {
                    String earlier = hostOfDomain.putIfAbsent(domain.toLowerCase(Locale.ROOT), host.getName());
                    if (earlier != null) {
                        problems.add("domain \"" + domain + "\" is served by both VirtualHost \"" + earlier
                                + "\" and VirtualHost \"" + host.getName() + "\" of RouteConfiguration \""
                                + routeConfiguration.getName() + "\"");
                    }
                }
            }
        }
        return problems;
    }
}
