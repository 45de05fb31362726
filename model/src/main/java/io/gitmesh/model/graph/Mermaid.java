package io.gitmesh.model.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link MeshGraph} as a Mermaid flowchart (left to right): identities as stadiums, service
 * ports as boxes, access as solid arrows, splits as dotted arrows. In a plan's graph, granted edges
 * are green, revoked ones red and dashed, moved weights orange.
 */
public final class Mermaid {
    private static final Map<EdgeChange, String> STYLES = Map.of(
            EdgeChange.GRANTED, "stroke:#1a7f37,stroke-width:2px",
            EdgeChange.REVOKED, "stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5",
            EdgeChange.MOVED, "stroke:#bc4c00,stroke-width:2px");

    private Mermaid() {
    }

    public static String render(MeshGraph graph) {
        Drawing drawing = Drawing.of(graph);
        StringBuilder out = new StringBuilder("flowchart LR\n");
        for (Drawing.Node node : drawing.nodes()) {
            String text = quoted(node.text());
            out.append("  ").append(node.id()).append(node.identity() ? "([" + text + "])" : "[" + text + "]")
                    .append('\n');
        }
        TreeMap<EdgeChange, List<Integer>> styled = new TreeMap<>();
        List<Drawing.Edge> edges = drawing.edges();
        for (int i = 0; i < edges.size(); i++) {
            Drawing.Edge edge = edges.get(i);
            out.append("  ").append(edge.from()).append(edge.split() ? " -.->|" : " -->|").append(quoted(edge.label()))
                    .append("| ").append(edge.to()).append('\n');
            if (STYLES.containsKey(edge.change())) {
                styled.computeIfAbsent(edge.change(), c -> new ArrayList<>()).add(i);
            }
        }
        styled.forEach((change, indexes) -> out.append("  linkStyle ")
                .append(String.join(",", indexes.stream().map(String::valueOf).toList()))
                .append(' ').append(STYLES.get(change)).append('\n'));
        return out.toString();
    }

    /** A Mermaid string: quotes and markup characters as entity codes, lines joined with {@code <br/>}. */
    private static String quoted(String text) {
        return "\"" + text.replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;")
                .replace("\n", "<br/>") + "\"";
    }
}
