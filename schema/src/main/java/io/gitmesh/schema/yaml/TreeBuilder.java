package io.gitmesh.schema.yaml;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.Position;
import io.gitmesh.schema.Severity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns SnakeYAML Engine events into JSON trees with positions, without recursion. Limits are
 * checked as events arrive; the first limit crossed stops the file.
 */
final class TreeBuilder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MERGE_KEY = "<<";

    private final String path;
    private final Limits limits;
    private final List<Diagnostic> diagnostics;
    private final List<SourceDocument> documents = new ArrayList<>();

    private final Deque<Frame> stack = new ArrayDeque<>();
    private Map<String, Position> positions = new HashMap<>();
    private final Map<String, Anchored> anchors = new HashMap<>();
    private int documentIndex = -1;
    private Position documentStart = Position.START;
    private JsonNode root;
    private int aliasesInDocument;
    private long nodesInFile;
    private boolean stopped;
    private Position last = Position.START;

    TreeBuilder(String path, Limits limits, List<Diagnostic> diagnostics) {
        this.path = path;
        this.limits = limits;
        this.diagnostics = diagnostics;
    }

    boolean stopped() {
        return stopped;
    }

    Position lastPosition() {
        return last;
    }

    List<SourceDocument> documents() {
        return documents;
    }

    void accept(Event event) {
        Position at = YamlReader.position(event.getStartMark());
        if (at != Position.UNKNOWN) {
            last = at;
        }
        if (stack.isEmpty() && root == null && event instanceof NodeEvent) {
            documentStart = at; // where the content starts, not the "---"
        }
        switch (event.getEventId()) {
            case DocumentStart -> startDocument(at);
            case DocumentEnd -> endDocument();
            case MappingStart -> startCollection((MappingStartEvent) event, at, true);
            case SequenceStart -> startCollection((SequenceStartEvent) event, at, false);
            case MappingEnd, SequenceEnd -> endCollection();
            case Scalar -> scalar((ScalarEvent) event, at);
            case Alias -> alias((AliasEvent) event, at);
            default -> { } // stream start/end, comments
        }
    }

    private void startDocument(Position at) {
        documentIndex++;
        if (documentIndex >= limits.maxDocuments()) {
            stop(at, "more than " + limits.maxDocuments() + " YAML documents in one file (limit)");
            return;
        }
        documentStart = at;
        positions = new HashMap<>();
        anchors.clear();
        aliasesInDocument = 0;
        root = null;
    }

    private void endDocument() {
        if (root != null && !root.isNull()) {
            documents.add(new SourceDocument(path, documentIndex, documentStart, root, new PositionIndex(positions)));
        }
        root = null;
    }

    private void startCollection(NodeEvent event, Position at, boolean mapping) {
        if (stack.size() >= limits.maxDepth()) {
            stop(at, "nesting deeper than " + limits.maxDepth() + " levels (limit)");
            return;
        }
        String pointer = childPointer(at);
        if (pointer == null) {
            return;
        }
        countNodes(1, at);
        JsonNode node = mapping ? NODES.objectNode() : NODES.arrayNode();
        stack.push(new Frame(node, pointer, at, event.getAnchor().map(Anchor::getValue).orElse(null), nodesInFile));
    }

    private void endCollection() {
        Frame done = stack.pop();
        if (done.anchor != null) {
            anchors.put(done.anchor, new Anchored(done.node, nodesInFile - done.nodesAtStart + 1));
        }
        attach(done.node, done.pointer, done.start, false);
    }

    private void scalar(ScalarEvent event, Position at) {
        Frame parent = stack.peek();
        if (parent != null && parent.isMapping() && parent.pendingKey == null) {
            String key = event.getValue();
            takeKey(parent, key, at, event.isPlain() && MERGE_KEY.equals(key));
            return;
        }
        String pointer = childPointer(at);
        if (pointer == null) {
            return;
        }
        countNodes(1, at);
        JsonNode node = scalar(event, at, pointer);
        event.getAnchor().ifPresent(a -> anchors.put(a.getValue(), new Anchored(node, 1)));
        attach(node, pointer, at, false);
    }

    private JsonNode scalar(ScalarEvent event, Position at, String pointer) {
        try {
            return Scalars.toNode(event);
        } catch (NumberFormatException e) {
            diagnostics.add(Diagnostic.of(Severity.ERROR, path, at, pointer, "", "\"" + event.getValue()
                    + "\" is not a valid " + e.getMessage()));
            return NODES.stringNode(event.getValue());
        }
    }

    private void alias(AliasEvent event, Position at) {
        String name = event.getAlias().getValue();
        if (++aliasesInDocument > limits.maxAliases()) {
            stop(at, "more than " + limits.maxAliases() + " aliases in one document (limit)");
            return;
        }
        Anchored anchored = anchors.get(name);
        if (anchored == null) {
            stop(at, "alias *" + name + " refers to no anchor defined before it");
            return;
        }
        Frame parent = stack.peek();
        if (parent != null && parent.isMapping() && parent.pendingKey == null) {
            if (!anchored.node.isValueNode()) {
                stop(at, "a mapping or sequence used as a key is not supported");
                return;
            }
            takeKey(parent, anchored.node.asString(), at, false);
            return;
        }
        String pointer = childPointer(at);
        if (pointer == null) {
            return;
        }
        countNodes(anchored.size, at);
        if (stopped) {
            return;
        }
        attach(anchored.node.deepCopy(), pointer, at, true);
    }

    private void takeKey(Frame map, String key, Position at, boolean merge) {
        map.pendingKey = key;
        map.pendingKeyAt = at;
        map.pendingMerge = merge;
        if (merge) {
            return;
        }
        Position first = map.keys.get(key);
        if (first != null && !map.mergedKeys.contains(key)) {
            diagnostics.add(Diagnostic.of(Severity.ERROR, path, at, PositionIndex.child(map.pointer, key), "",
                    "duplicate key \"" + key + "\" (first at line " + first.line() + ")"));
            map.pendingDuplicate = true;
        }
    }

    /** The pointer of the next child of the top frame, or null when this node is a complex key. */
    private String childPointer(Position at) {
        Frame parent = stack.peek();
        if (parent == null) {
            return "";
        }
        if (parent.isMapping()) {
            if (parent.pendingKey == null) {
                stop(at, "a mapping or sequence used as a key is not supported");
                return null;
            }
            return parent.pendingMerge ? parent.pointer : PositionIndex.child(parent.pointer, parent.pendingKey);
        }
        return PositionIndex.child(parent.pointer, parent.node.size());
    }

    private void attach(JsonNode node, String pointer, Position at, boolean fromAlias) {
        Frame parent = stack.peek();
        if (parent == null) {
            root = node;
            positions.putIfAbsent("", at);
            return;
        }
        if (parent.node instanceof ArrayNode array) {
            array.add(node);
            positions.put(pointer, at);
            return;
        }
        ObjectNode map = (ObjectNode) parent.node;
        String key = parent.pendingKey;
        Position keyAt = parent.pendingKeyAt;
        boolean duplicate = parent.pendingDuplicate;
        boolean merge = parent.pendingMerge;
        parent.pendingKey = null;
        parent.pendingKeyAt = null;
        parent.pendingDuplicate = false;
        parent.pendingMerge = false;
        if (merge) {
            merge(parent, node, at);
            return;
        }
        if (duplicate) {
            return; // the first value stays; the duplicate is reported
        }
        map.set(key, node);
        parent.keys.put(key, keyAt);
        parent.mergedKeys.remove(key);
        positions.put(pointer, keyAt);
    }

    /** YAML merge keys ({@code <<: *defaults}), as Kubernetes' YAML reader supports them. */
    private void merge(Frame target, JsonNode value, Position at) {
        List<JsonNode> sources = new ArrayList<>();
        if (value instanceof ObjectNode) {
            sources.add(value);
        } else if (value instanceof ArrayNode array) {
            array.forEach(sources::add);
        }
        ObjectNode map = (ObjectNode) target.node;
        for (JsonNode source : sources) {
            if (!(source instanceof ObjectNode object)) {
                diagnostics.add(Diagnostic.of(Severity.ERROR, path, at, target.pointer, "",
                        "merge key << needs a mapping or a list of mappings"));
                continue;
            }
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                if (!target.keys.containsKey(e.getKey())) {
                    map.set(e.getKey(), e.getValue());
                    target.keys.put(e.getKey(), at);
                    target.mergedKeys.add(e.getKey());
                    positions.put(PositionIndex.child(target.pointer, e.getKey()), at);
                }
            }
        }
    }

    private void countNodes(long n, Position at) {
        nodesInFile += n;
        if (nodesInFile > limits.maxNodes()) {
            stop(at, "the file expands to more than " + limits.maxNodes()
                    + " YAML nodes (limit; an alias bomb?)");
        }
    }

    private void stop(Position at, String message) {
        if (!stopped) {
            diagnostics.add(Diagnostic.ofFile(Severity.ERROR, path, at, message));
        }
        stopped = true;
        stack.clear();
        root = null;
    }

    private record Anchored(JsonNode node, long size) { }

    private static final class Frame {
        final JsonNode node;
        final String pointer;
        final Position start;
        final String anchor;
        final long nodesAtStart;
        final Map<String, Position> keys = new HashMap<>();
        final Set<String> mergedKeys = new HashSet<>();
        String pendingKey;
        Position pendingKeyAt;
        boolean pendingDuplicate;
        boolean pendingMerge;

        Frame(JsonNode node, String pointer, Position start, String anchor, long nodesAtStart) {
            this.node = node;
            this.pointer = pointer;
            this.start = start;
            this.anchor = anchor;
            this.nodesAtStart = nodesAtStart;
        }

        boolean isMapping() {
            return node instanceof ObjectNode;
        }
    }
}
