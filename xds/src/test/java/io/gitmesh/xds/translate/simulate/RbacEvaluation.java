package io.gitmesh.xds.translate.simulate;

import io.envoyproxy.envoy.config.rbac.v3.Permission;
import io.envoyproxy.envoy.config.rbac.v3.Policy;
import io.envoyproxy.envoy.config.rbac.v3.Principal;
import io.envoyproxy.envoy.config.rbac.v3.RBAC;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Envoy's (and gRPC's) RBAC engine for ALLOW rules, as far as gitmesh writes them: a request is allowed
 * when some policy has a permission and a principal that match it.
 */
final class RbacEvaluation {
    private RbacEvaluation() {
    }

    /** The name of the first policy (by name) that allows the request; empty when none does. */
    static Optional<String> allowingPolicy(RBAC rules, Request request) {
        if (rules.getAction() != RBAC.Action.ALLOW) {
            throw new UnsupportedOperationException("RBAC action " + rules.getAction());
        }
        for (Map.Entry<String, Policy> policy : new TreeMap<>(rules.getPoliciesMap()).entrySet()) {
            boolean permitted = policy.getValue().getPermissionsList().stream().anyMatch(p -> matches(p, request));
            boolean principal = policy.getValue().getPrincipalsList().stream().anyMatch(p -> matches(p, request));
            if (permitted && principal) {
                return Optional.of(policy.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * The HTTP filters of a connection manager, RBAC ones enforced in order: the policy that allowed the
     * request (of the last RBAC filter), empty when one refused it.
     *
     * @throws IllegalStateException when there is no RBAC filter: gitmesh always enforces one
     */
    static Optional<String> throughHttpFilters(HttpConnectionManager manager, Request request) {
        Optional<String> policy = Optional.empty();
        for (HttpFilter filter : manager.getHttpFiltersList()) {
            if (filter.getTypedConfig().is(io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC.class)) {
                policy = allowingPolicy(ConfigLookup.unpack(filter.getTypedConfig(),
                        io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC.class).getRules(), request);
                if (policy.isEmpty()) {
                    return policy;
                }
            }
        }
        return Optional.of(policy.orElseThrow(() -> new IllegalStateException("no HTTP RBAC filter")));
    }

    private static boolean matches(Permission permission, Request request) {
        return switch (permission.getRuleCase()) {
            case ANY -> permission.getAny();
            case AND_RULES -> permission.getAndRules().getRulesList().stream().allMatch(p -> matches(p, request));
            case OR_RULES -> permission.getOrRules().getRulesList().stream().anyMatch(p -> matches(p, request));
            case NOT_RULE -> !matches(permission.getNotRule(), request);
            case HEADER -> Matchers.matches(permission.getHeader(), request);
            case URL_PATH -> Matchers.matches(permission.getUrlPath().getPath(), request.pathWithoutQuery());
            case DESTINATION_PORT -> permission.getDestinationPort() == request.destinationPort();
            default -> throw new UnsupportedOperationException("RBAC permission " + permission);
        };
    }

    private static boolean matches(Principal principal, Request request) {
        return switch (principal.getIdentifierCase()) {
            case ANY -> principal.getAny();
            case AND_IDS -> principal.getAndIds().getIdsList().stream().allMatch(p -> matches(p, request));
            case OR_IDS -> principal.getOrIds().getIdsList().stream().anyMatch(p -> matches(p, request));
            case NOT_ID -> !matches(principal.getNotId(), request);
            case AUTHENTICATED -> request.peer().isPresent() && (!principal.getAuthenticated().hasPrincipalName()
                    || Matchers.matches(principal.getAuthenticated().getPrincipalName(), request.peer().get()));
            case HEADER -> Matchers.matches(principal.getHeader(), request);
            default -> throw new UnsupportedOperationException("RBAC principal " + principal);
        };
    }
}
