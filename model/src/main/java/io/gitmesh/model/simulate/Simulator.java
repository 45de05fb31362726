package io.gitmesh.model.simulate;

import io.gitmesh.model.Identity;
import io.gitmesh.model.Mesh;
import io.gitmesh.model.Permission;
import io.gitmesh.model.RouteMatch;
import io.gitmesh.model.TrafficMode;
import io.gitmesh.model.TrafficRoute;
import io.gitmesh.model.WeightedBackend;
import io.gitmesh.model.diff.PortRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides a call by the mesh's rules (DESIGN.md §1: {@code model.simulate}): who may call what, and
 * which backend answers. Pure.
 *
 * <ol>
 *   <li>The source must be an identity of the mesh, and the authority must name one of its Service
 *       ports (see {@link Destination}); otherwise the call is {@link Unresolved}.</li>
 *   <li>Access is {@link Mesh#permission}: none, every request (L4 rules, TCP and UDP ports,
 *       permissive mode), or the requests matching one of the allowed HTTP route matches (see
 *       {@link RequestMatching}).</li>
 *   <li>An allowed call takes the first route of the port's routing that matches it (the last route
 *       takes every request), and goes to that route's backends with more than 0 %, each of which
 *       admits or refuses it by its own inbound rules (see {@link BackendAdmission}).</li>
 * </ol>
 */
public final class Simulator {

    public Outcome simulate(Mesh mesh, Call call) {
        Identity source = call.source();
        if (!mesh.identities().contains(source)) {
            return new Unresolved("no identity " + source + " in the mesh: no ServiceAccount " + source.serviceAccount()
                    + " in namespace " + source.namespace() + ", and no workload runs as it");
        }
        return switch (Destination.resolve(mesh, source.namespace(), call.authority())) {
            case Resolution.Failed failed -> new Unresolved(failed.reason());
            case Destination destination -> decide(mesh, call, destination);
        };
    }

    private static Verdict decide(Mesh mesh, Call call, Destination destination) {
        PortRef port = destination.ref();
        Optional<Permission> permission = mesh.permission(call.source(), port.service(), port.port());
        if (permission.isEmpty()) {
            return Verdict.denied(port, "no TrafficTarget lets " + call.source() + " reach " + port);
        }
        return switch (permission.get()) {
            case Permission.All all -> allowed(mesh, call, destination, everyRequest(mesh, call, destination));
            case Permission.Routes routes -> routes.matches().stream()
                    .filter(m -> RequestMatching.matches(m, call))
                    .findFirst()
                    .map(m -> allowed(mesh, call, destination,
                            "allowed by HTTPRouteGroup " + m.group() + " match " + m.name()))
                    .orElseGet(() -> Verdict.denied(port, call.method() + " " + call.path()
                            + " matches none of the routes " + call.source() + " may use on " + port + ": "
                            + whyNot(routes.matches(), call)));
        };
    }

    private static String everyRequest(Mesh mesh, Call call, Destination destination) {
        if (mesh.mode() == TrafficMode.PERMISSIVE) {
            return "allowed: the mesh is permissive (MeshConfig traffic.permissive), every identity may call every"
                    + " service";
        }
        return destination.port().protocol().isHttp()
                ? "allowed: a TrafficTarget lets " + call.source() + " send every request to " + destination.ref()
                        + " (a TCPRoute rule without HTTPRouteGroup rules)"
                : "allowed: a TrafficTarget lets " + call.source() + " open " + destination.port().protocol()
                        + " connections to " + destination.ref();
    }

    /**
     * The call passes the caller's side: it takes the first route that matches it, and goes to those
     * of its backends (above 0 %) whose workloads admit it. Refused shares are named in the reason;
     * when every backend refuses, the call is denied.
     */
    private static Verdict allowed(Mesh mesh, Call call, Destination destination, String reason) {
        TrafficRoute route = destination.port().routing().routes().stream()
                .filter(r -> r.matchesEveryRequest()
                        || r.matches().stream().anyMatch(m -> RequestMatching.matches(m, call)))
                .findFirst()
                .orElseThrow();
        List<Verdict.Backend> admitting = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (WeightedBackend backend : route.backends().stream().filter(b -> b.percent() > 0).toList()) {
            BackendAdmission.refusal(mesh, call, backend).ifPresentOrElse(why -> refusals.add(
                    backend.service() + " refuses its " + backend.percent() + "% share (" + why + ")"),
                    () -> admitting.add(new Verdict.Backend(backend.service(), backend.percent())));
        }
        if (admitting.isEmpty()) {
            return Verdict.denied(destination.ref(), "every backend refuses it: " + String.join("; ", refusals)
                    + " (the caller's side: " + reason + ")");
        }
        String refused = refusals.isEmpty() ? "" : "; but " + String.join("; ", refusals);
        return new Verdict(true, destination.ref(), reason + refused, admitting);
    }

    private static String whyNot(List<RouteMatch> matches, Call call) {
        return matches.stream()
                .map(m -> "HTTPRouteGroup " + m.group() + " match " + m.name() + " ("
                        + RequestMatching.mismatch(m, call).orElseThrow() + ")")
                .collect(Collectors.joining("; "));
    }
}
