package io.gitmesh.xds.translate;

import com.google.protobuf.Duration;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.route.v3.NonForwardingAction;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.gitmesh.model.MeshService;
import io.gitmesh.model.OutboundPort;
import io.gitmesh.model.RouteMatch;
import io.gitmesh.model.Routing;
import io.gitmesh.model.TrafficRoute;
import io.gitmesh.model.WeightedBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * Route configurations and virtual hosts.
 *
 * <p>Outbound, where a caller's HTTP requests to a Service port go, as a virtual host: the routing's routes in order
 * (header-matched splits first, each of their matches one route; the route for every request last), each
 * to its backends' clusters, weighted when there are several (a backend with 0 % stays, with weight 0).
 * Access is not decided here: the destination's inbound RBAC decides it.
 *
 * <p>Inbound, every request that RBAC let through goes to the application: a sidecar routes it to the
 * local cluster, a gRPC server hands it to its own service ({@code non_forwarding_action}).
 */
final class Routes {
    /** No route timeout: Envoy's default of 15 s would cut long downloads and gRPC streams. */
    private static final Duration NO_TIMEOUT = Duration.getDefaultInstance();

    private Routes() {
    }

    /** The virtual host of the Service port, answering to the names a caller in its namespace may use. */
    static VirtualHost virtualHost(MeshService service, OutboundPort port, String callerNamespace) {
        return VirtualHost.newBuilder()
                .setName(ResourceNames.virtualHost(port.service(), port.number()))
                .addAllDomains(ResourceNames.domains(port.service(), service.clusterIp(), port.number(), callerNamespace))
                .addAllRoutes(routes(port.routing()))
                .build();
    }

    /** The sidecar's inbound route configuration for a served port: everything to the local cluster. */
    static RouteConfiguration toApplication(int targetPort) {
        return inbound(targetPort, Route.newBuilder().setRoute(RouteAction.newBuilder()
                .setCluster(ResourceNames.localCluster(targetPort))
                .setTimeout(NO_TIMEOUT)));
    }

    /** A gRPC server's inline route configuration: every request to the server's own services. */
    static RouteConfiguration toGrpcServer(int port) {
        return inbound(port, Route.newBuilder().setNonForwardingAction(NonForwardingAction.getDefaultInstance()));
    }

    private static RouteConfiguration inbound(int port, Route.Builder route) {
        String name = ResourceNames.inboundRouteConfiguration(port);
        return RouteConfiguration.newBuilder()
                .setName(name)
                .addVirtualHosts(VirtualHost.newBuilder()
                        .setName(name)
                        .addDomains("*")
                        .addRoutes(route.setName(ResourceNames.DEFAULT_ROUTE).setMatch(HttpMatches.everyRequest())))
                .build();
    }

    private static List<Route> routes(Routing routing) {
        List<Route> routes = new ArrayList<>();
        for (TrafficRoute route : routing.routes()) {
            RouteAction action = action(route.backends());
            if (route.matchesEveryRequest()) {
                routes.add(Route.newBuilder()
                        .setName(ResourceNames.DEFAULT_ROUTE)
                        .setMatch(HttpMatches.everyRequest())
                        .setRoute(action)
                        .build());
            }
            for (RouteMatch match : route.matches()) {
                routes.add(Route.newBuilder()
                        .setName(ResourceNames.route(match))
                        .setMatch(HttpMatches.route(match))
                        .setRoute(action)
                        .build());
            }
        }
        return routes;
    }

    private static RouteAction action(List<WeightedBackend> backends) {
        RouteAction.Builder action = RouteAction.newBuilder().setTimeout(NO_TIMEOUT);
        if (backends.size() == 1) {
            WeightedBackend only = backends.getFirst();
            return action.setCluster(ResourceNames.cluster(only.service(), only.port())).build();
        }
        WeightedCluster.Builder weighted = WeightedCluster.newBuilder();
        for (WeightedBackend backend : backends) {
            weighted.addClusters(WeightedCluster.ClusterWeight.newBuilder()
                    .setName(ResourceNames.cluster(backend.service(), backend.port()))
                    .setWeight(UInt32Value.of(backend.percent())));
        }
        return action.setWeightedClusters(weighted).build();
    }
}
