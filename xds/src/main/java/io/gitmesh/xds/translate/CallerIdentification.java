package io.gitmesh.xds.translate;

import io.envoyproxy.envoy.config.rbac.v3.Principal;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;

/** Where RBAC reads the caller's SPIFFE ID from. */
enum CallerIdentification {
    /** The URI SAN of the certificate the caller presented in the mTLS handshake. */
    PEER_CERTIFICATE {
        @Override
        Principal principal(StringMatcher spiffeId) {
            return Principal.newBuilder()
                    .setAuthenticated(Principal.Authenticated.newBuilder().setPrincipalName(spiffeId))
                    .build();
        }
    },
    /** INSECURE, development and testing only: the {@link ResourceNames#CALLER_HEADER} request header. */
    CALLER_HEADER {
        @Override
        Principal principal(StringMatcher spiffeId) {
            return Principal.newBuilder()
                    .setHeader(HeaderMatcher.newBuilder()
                            .setName(ResourceNames.CALLER_HEADER)
                            .setStringMatch(spiffeId))
                    .build();
        }
    };

    /** The principal whose SPIFFE ID, read from here, matches. */
    abstract Principal principal(StringMatcher spiffeId);
}
