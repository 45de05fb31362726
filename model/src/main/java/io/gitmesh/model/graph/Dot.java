package io.gitmesh.model.graph;

import java.util.Map;

/**
 * Writes a {@link MeshGraph} in Graphviz dot (left to right): identities as ellipses, service ports
 * as boxes, access as solid arrows, splits as dashed arrows. In a plan's graph, granted edges are
 * green, revoked ones red and dotted, moved weights orange.
 */
public final class Dot {
    private static final Map<EdgeChange, String> STYLES = Map.of(
            EdgeChange.GRANTED, ", color=\"#1a7f37\", penwidth=2",
            EdgeChange.REVOKED, ", color=\"#cf222e\", penwidth=2, style=dotted",
            EdgeChange.MOVED, ", color=\"#bc4c00\", penwidth=2, style=dashed",
            EdgeChange.UNCHANGED, "");

    private Dot() {
    }

    public static String render(MeshGraph graph) {
        Drawing drawing = Drawing.of(graph);
        StringBuilder out = new StringBuilder("digraph mesh {\n  rankdir=LR;\n");
        for (Drawing.Node node : drawing.nodes()) {
            out.append("  ").append(node.id()).append(" [label=").append(quoted(node.text()))
                    .append(node.identity() ? ", shape=ellipse" : ", shape=box").append("];\n");
        }
        for (Drawing.Edge edge : drawing.edges()) {
            String style = edge.change() == EdgeChange.UNCHANGED && edge.split() ? ", style=dashed"
                    : STYLES.get(edge.change());
            out.append("  ").append(edge.from()).append(" -> ").append(edge.to()).append(" [label=")
                    .append(quoted(edge.label())).append(style).append("];\n");
        }
        return out.append("}\n").toString();
    }

    /** A dot string: backslashes and quotes escaped, lines joined with {@code \n}. */
    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
