package io.gitmesh.xds.translate;

import io.envoyproxy.envoy.config.rbac.v3.Permission;
import io.envoyproxy.envoy.config.rbac.v3.Policy;
import io.envoyproxy.envoy.config.rbac.v3.RBAC;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.gitmesh.model.Admission;
import io.gitmesh.model.Identity;
import io.gitmesh.model.SpiffeId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An {@link Admission} as RBAC rules: ALLOW with one policy per admitted source, named after it
 * ({@link ResourceNames#rbacPolicy}), whose principal is the source's SPIFFE ID; a request or connection
 * that no policy matches is refused. In permissive mode one policy admits every SPIFFE ID of the trust
 * domain. A port that admits nobody gets rules without policies: everything is refused.
 *
 * <p>The routes a source may use are RBAC permissions rather than per-route RBAC: Envoy and gRPC take
 * the first route that matches, so when two sources may use overlapping matches, per-route rules would
 * refuse whichever source the first route does not name.
 */
final class RbacRules {
    private RbacRules() {
    }

    /** Each admitted source may send the HTTP requests its permission allows. */
    static RBAC forRequests(Admission admission, CallerIdentification caller, String trustDomain) {
        return rules(admission, caller, trustDomain, permission -> Optional.of(switch (permission) {
            case io.gitmesh.model.Permission.All all -> List.of(HttpMatches.anyRequest());
            case io.gitmesh.model.Permission.Routes routes ->
                    routes.matches().stream().map(HttpMatches::permission).toList();
        }));
    }

    /**
     * Each source admitted to the whole port may connect. A source allowed only some HTTP routes is left
     * out: a TCP port cannot see them, and admitting it would allow more than the policy does.
     */
    static RBAC forConnections(Admission admission, CallerIdentification caller, String trustDomain) {
        return rules(admission, caller, trustDomain, permission -> switch (permission) {
            case io.gitmesh.model.Permission.All all -> Optional.of(List.of(HttpMatches.anyRequest()));
            case io.gitmesh.model.Permission.Routes routes -> Optional.empty();
        });
    }

    private static RBAC rules(Admission admission, CallerIdentification caller, String trustDomain,
            Function<io.gitmesh.model.Permission, Optional<List<Permission>>> permissions) {
        RBAC.Builder rbac = RBAC.newBuilder().setAction(RBAC.Action.ALLOW);
        switch (admission) {
            case Admission.AnySource any -> rbac.putPolicies(ResourceNames.ANY_MESH_IDENTITY_POLICY, Policy.newBuilder()
                    .addPermissions(HttpMatches.anyRequest())
                    .addPrincipals(caller.principal(StringMatcher.newBuilder()
                            .setPrefix(SpiffeId.SCHEME + trustDomain + "/")
                            .build()))
                    .build());
            case Admission.Sources sources -> sources.allowed().forEach((source, permission) ->
                    permissions.apply(permission).ifPresent(allowed -> rbac.putPolicies(ResourceNames.rbacPolicy(source),
                            Policy.newBuilder()
                                    .addAllPermissions(allowed)
                                    .addPrincipals(caller.principal(exactly(source, trustDomain)))
                                    .build())));
        }
        return rbac.build();
    }

    private static StringMatcher exactly(Identity source, String trustDomain) {
        return StringMatcher.newBuilder().setExact(source.spiffeId(trustDomain).uri()).build();
    }
}
