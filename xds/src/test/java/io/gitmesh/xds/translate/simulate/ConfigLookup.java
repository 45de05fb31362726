package io.gitmesh.xds.translate.simulate;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.gitmesh.xds.ProxyConfig;
import io.gitmesh.xds.translate.simulate.Outbound.Share;
import java.util.List;
import java.util.Optional;

/** Finds resources in a config by name, failing loudly where a config refers to something it lacks. */
final class ConfigLookup {
    private final ProxyConfig config;

    ConfigLookup(ProxyConfig config) {
        this.config = config;
    }

    Optional<Listener> listener(String name) {
        return config.listeners().stream().filter(l -> l.getName().equals(name)).findFirst();
    }

    RouteConfiguration routeConfiguration(String name) {
        return config.routes().stream().filter(r -> r.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the config lacks route configuration " + name));
    }

    Cluster cluster(String name) {
        return config.clusters().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the config lacks cluster " + name));
    }

    /** The shares, after checking that each cluster exists and, if it is an EDS cluster, has a load assignment. */
    List<Share> checked(List<Share> shares) {
        for (Share share : shares) {
            if (cluster(share.cluster()).getType() == Cluster.DiscoveryType.EDS && config.endpoints().stream()
                    .noneMatch(e -> e.getClusterName().equals(share.cluster()))) {
                throw new IllegalStateException("the config lacks the load assignment of " + share.cluster());
            }
        }
        return shares;
    }

    static <T extends Message> T unpack(Any any, Class<T> type) {
        try {
            return any.unpack(type);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("not a " + type.getSimpleName() + ": " + any.getTypeUrl(), e);
        }
    }
}
