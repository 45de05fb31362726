package io.gitmesh.schema.jsonschema;

import com.networknt.schema.path.NodePath;
import io.gitmesh.schema.yaml.PositionIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A place inside a document (or a schema) as its field names and list indexes: written as an
 * RFC 6901 JSON pointer for tools and in dotted form ({@code spec.backends[0].weight}) for people.
 *
 * @param tokens field names ({@link String}) and list indexes ({@link Integer}), outermost first
 */
record InstancePath(List<Object> tokens) {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    InstancePath {
        tokens = List.copyOf(tokens);
        for (Object token : tokens) {
            if (!(token instanceof String) && !(token instanceof Integer)) {
                throw new IllegalArgumentException("a path token is a field name or a list index: " + token);
            }
        }
    }

    static InstancePath of(NodePath path) {
        List<Object> tokens = new ArrayList<>(path.getNameCount());
        for (int i = 0; i < path.getNameCount(); i++) {
            tokens.add(path.getElement(i));
        }
        return new InstancePath(tokens);
    }

    boolean isRoot() {
        return tokens.isEmpty();
    }

    InstancePath child(String field) {
        List<Object> longer = new ArrayList<>(tokens);
        longer.add(field);
        return new InstancePath(longer);
    }

    InstancePath parent() {
        if (isRoot()) {
            throw new IllegalStateException("the root has no parent");
        }
        return new InstancePath(tokens.subList(0, tokens.size() - 1));
    }

    boolean startsWith(InstancePath prefix) {
        return tokens.size() >= prefix.tokens.size() && tokens.subList(0, prefix.tokens.size()).equals(prefix.tokens);
    }

    /** The RFC 6901 pointer, {@code ""} for the root. */
    String pointer() {
        StringBuilder b = new StringBuilder();
        for (Object token : tokens) {
            b.append('/').append(token instanceof String name ? PositionIndex.escape(name) : token);
        }
        return b.toString();
    }

    /** The dotted form people read: {@code spec.matches[0].headers["x-user.id"]}; {@code ""} for the root. */
    String dotted() {
        StringBuilder b = new StringBuilder();
        for (Object token : tokens) {
            if (token instanceof Integer index) {
                b.append('[').append(index).append(']');
            } else if (PLAIN_NAME.matcher((String) token).matches()) {
                b.append(b.isEmpty() ? "" : ".").append(token);
            } else {
                b.append("[\"").append(((String) token).replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
            }
        }
        return b.toString();
    }
}
