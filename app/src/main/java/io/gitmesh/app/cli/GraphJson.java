package io.gitmesh.app.cli;

import io.gitmesh.model.diff.PortRef;
import io.gitmesh.model.graph.AccessEdge;
import io.gitmesh.model.graph.MeshGraph;
import io.gitmesh.model.graph.SplitEdge;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The mesh graph as the stable JSON of {@code gitmesh graph -o json} (docs/cli-json.md). */
final class GraphJson {
    private GraphJson() {
    }

    static ObjectNode of(MeshGraph graph) {
        ObjectNode root = DiagnosticsOutput.JSON.createObjectNode();
        ArrayNode identities = root.putArray("identities");
        graph.identities().forEach(id -> identities.add(id.toString()));
        ArrayNode ports = root.putArray("ports");
        graph.ports().forEach(p -> port(ports.addObject(), p).put("transport",
                p.transport().name().toLowerCase(Locale.ROOT)));
        ArrayNode access = root.putArray("access");
        for (AccessEdge edge : graph.access()) {
            ObjectNode o = access.addObject().put("source", edge.source().toString());
            o.put("destination", edge.destination().service().toString()).put("port", edge.destination().port());
            ArrayNode routes = o.putArray("routes");
            edge.routes().forEach(routes::add);
        }
        ArrayNode splits = root.putArray("splits");
        for (SplitEdge edge : graph.splits()) {
            port(splits.addObject(), edge.service()).put("route", edge.route())
                    .put("backend", edge.backend().service().toString()).put("weight", edge.after());
        }
        return root;
    }

    private static ObjectNode port(ObjectNode o, PortRef port) {
        return o.put("service", port.service().toString()).put("port", port.port());
    }
}
