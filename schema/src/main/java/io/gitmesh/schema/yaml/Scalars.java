package io.gitmesh.schema.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * YAML scalars as JSON values under the YAML 1.2 core schema: plain scalars resolve to null, bool,
 * int (decimal, 0x, 0o) or float; quoted scalars are strings; explicit tags win.
 */
final class Scalars {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

    private Scalars() {
    }

    /**
     * @throws NumberFormatException with the expected type as message, when an explicit
     *                               {@code !!int}/{@code !!float} tag does not fit the text
     */
    static JsonNode toNode(ScalarEvent event) {
        String value = event.getValue();
        Tag tag = event.getTag().filter(t -> !"!".equals(t)).map(Tag::new)
                .orElseGet(() -> event.isPlain() ? RESOLVER.resolve(value, true) : Tag.STR);
        try {
            if (Tag.NULL.equals(tag)) {
                return NODES.nullNode();
            }
            if (Tag.BOOL.equals(tag)) {
                return NODES.booleanNode(Boolean.parseBoolean(value.toLowerCase(Locale.ROOT)));
            }
            if (Tag.INT.equals(tag)) {
                return integer(value);
            }
            if (Tag.FLOAT.equals(tag)) {
                return floating(value);
            }
        } catch (NumberFormatException e) {
            throw new NumberFormatException(tag.getValue().replace(Tag.PREFIX, ""));
        }
        return NODES.stringNode(value);
    }

    private static JsonNode integer(String text) {
        String s = text.replace("_", "");
        boolean negative = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        BigInteger v;
        if (s.startsWith("0x")) {
            v = new BigInteger(s.substring(2), 16);
        } else if (s.startsWith("0o")) {
            v = new BigInteger(s.substring(2), 8);
        } else {
            v = new BigInteger(s);
        }
        if (negative) {
            v = v.negate();
        }
        if (v.bitLength() < 32) {
            return NODES.numberNode(v.intValue());
        }
        if (v.bitLength() < 64) {
            return NODES.numberNode(v.longValue());
        }
        return NODES.numberNode(v);
    }

    private static JsonNode floating(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case ".inf", "+.inf" -> NODES.numberNode(Double.POSITIVE_INFINITY);
            case "-.inf" -> NODES.numberNode(Double.NEGATIVE_INFINITY);
            case ".nan" -> NODES.numberNode(Double.NaN);
            default -> NODES.numberNode(new BigDecimal(text.replace("_", "")));
        };
    }
}
