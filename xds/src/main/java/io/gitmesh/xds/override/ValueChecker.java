package io.gitmesh.xds.override;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.JavaType;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.JsonFormat.TypeRegistry;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.policy.TargetType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a value written as Envoy's proto JSON against its proto type, field by field, so that each
 * problem is reported where it is written (protobuf's own JSON parser stops at the first problem and
 * does not say where it is): unknown fields, an {@code @type} no Envoy type has, a list or mapping
 * where the other is expected, two alternatives of one oneof, a field written twice (in both
 * spellings). Each scalar is parsed by protobuf's JSON parser on its own, so numbers, enums and
 * durations follow exactly its rules. Deprecated fields are warnings.
 *
 * <p>It also collects the types its {@code typed_config}s name, from which the registry for the
 * final parse is built.
 */
final class ValueChecker {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TargetType target;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<Descriptor> anyTypes = new LinkedHashSet<>();

    private ValueChecker(TargetType target) {
        this.target = target;
    }

    /** What the check found, and a registry of every type the value's typed configs name. */
    record Result(List<Finding> findings, TypeRegistry registry) {
        Result {
            findings = List.copyOf(findings);
        }

        boolean hasErrors() {
            return findings.stream().anyMatch(Finding::isError);
        }
    }

    /** Checks the value of a patch on {@code target}, written at {@code at}. */
    static Result check(JsonNode value, TargetType target, FieldPath at) {
        ValueChecker checker = new ValueChecker(target);
        checker.message(value, EnvoyTypes.of(target), at, false);
        TypeRegistry.Builder registry = TypeRegistry.newBuilder();
        checker.anyTypes.forEach(registry::add);
        return new Result(checker.findings, registry.build());
    }

    /** A message written as a JSON object; {@code anyBody}: the object also holds the {@code @type} of an Any. */
    private void message(JsonNode node, Descriptor type, FieldPath at, boolean anyBody) {
        if (!node.isObject()) {
            error(at, at.dotted() + " must be a mapping (the fields of " + type.getFullName() + "), not "
                    + describe(node));
            return;
        }
        if (EnvoyTypes.isAny(type)) {
            any(node, at);
            return;
        }
        Map<FieldDescriptor, String> written = new HashMap<>();
        Map<OneofDescriptor, String> alternatives = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            if (anyBody && key.equals("@type")) {
                continue;
            }
            FieldPath here = at.child(key);
            Optional<FieldDescriptor> found = EnvoyTypes.field(type, key);
            if (found.isEmpty()) {
                error(here, unknownField(key, type, at));
                continue;
            }
            FieldDescriptor field = found.get();
            String earlier = written.putIfAbsent(field, key);
            if (earlier != null) {
                error(here, "\"" + key + "\" and \"" + earlier + "\" are the same field of " + type.getFullName()
                        + "; write it once");
                continue;
            }
            if (entry.getValue().isNull()) {
                continue; // protobuf's JSON reads null as "not set"
            }
            OneofDescriptor oneof = field.getRealContainingOneof();
            String other = oneof == null ? null : alternatives.putIfAbsent(oneof, key);
            if (other != null) {
                error(here, "\"" + key + "\" and \"" + other + "\" are alternatives (oneof " + oneof.getName()
                        + " of " + type.getFullName() + "); write only one of them");
                continue;
            }
            if (field.getOptions().getDeprecated()) {
                findings.add(new Finding(Severity.WARNING, here, here.dotted() + " is deprecated in Envoy's API ("
                        + field.getFullName() + "); Envoy's documentation names what replaces it"));
            }
            field(field, entry.getValue(), here);
        }
    }

    private void field(FieldDescriptor field, JsonNode value, FieldPath at) {
        if (field.isMapField()) {
            if (!value.isObject()) {
                error(at, at.dotted() + " must be a mapping, not " + describe(value));
                return;
            }
            FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                FieldPath here = at.entry(entry.getKey());
                if (isStructured(valueField)) {
                    message(entry.getValue(), valueField.getMessageType(), here, false);
                } else {
                    ObjectNode map = JsonNodeFactory.instance.objectNode().set(entry.getKey(), entry.getValue());
                    scalar(field, map, entry.getValue(), here);
                }
            }
        } else if (field.isRepeated()) {
            if (!value.isArray()) {
                error(at, at.dotted() + " must be a list, not " + describe(value));
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (isStructured(field)) {
                    message(item, field.getMessageType(), at.item(i), false);
                } else {
                    scalar(field, JsonNodeFactory.instance.arrayNode().add(item), item, at.item(i));
                }
            }
        } else if (isStructured(field)) {
            message(value, field.getMessageType(), at, false);
        } else {
            scalar(field, value, value, at);
        }
    }

    /** An Any: its {@code @type} names an Envoy type, whose fields are written beside it. */
    private void any(JsonNode node, FieldPath at) {
        JsonNode url = node.path("@type");
        if (url.isMissingNode() || url.isNull()) {
            if (!node.isEmpty()) {
                error(at, at.dotted() + " has no \"@type\": a typed config names its type, like \"@type\":"
                        + " type.googleapis.com/envoy.extensions.filters.http.router.v3.Router");
            }
            return;
        }
        FieldPath typeAt = at.child("@type");
        if (!url.isString()) {
            error(typeAt, typeAt.dotted() + " must be a type URL (a string), not " + describe(url));
            return;
        }
        Optional<Descriptor> type = EnvoyTypes.find(url.asString());
        if (type.isEmpty()) {
            error(typeAt, "unknown @type \"" + url.asString() + "\" in " + at.dotted() + ": no type of the Envoy API"
                    + " is named \"" + EnvoyTypes.fullName(url.asString()) + "\" (write type.googleapis.com/ and the"
                    + " message's full name, e.g. type.googleapis.com/envoy.extensions.filters.http.router.v3.Router)");
            return;
        }
        anyTypes.add(type.get());
        if (!EnvoyTypes.isWellKnownValue(type.get())) {
            message(node, type.get(), at, true);
            return;
        }
        // protobuf's JSON writes a well-known type in an Any as {"@type": ..., "value": <its JSON>}
        try {
            JsonFormat.parser().usingTypeRegistry(TypeRegistry.newBuilder().add(type.get()).build())
                    .merge(JSON.writeValueAsString(node), Any.newBuilder());
        } catch (InvalidProtocolBufferException e) {
            error(at.child("value"), at.dotted() + " is not a valid " + type.get().getFullName() + ": "
                    + e.getMessage());
        }
    }

    /**
     * A scalar, an enum or a well-known type, parsed on its own by protobuf's JSON parser as the only
     * field of an empty message of its containing type. {@code written} is the field's JSON value (a
     * one-item list for a list item, a one-entry mapping for a map entry); {@code shown} the item itself.
     */
    private void scalar(FieldDescriptor field, JsonNode written, JsonNode shown, FieldPath at) {
        ObjectNode holder = JsonNodeFactory.instance.objectNode().set(field.getName(), written);
        try {
            JsonFormat.parser().merge(JSON.writeValueAsString(holder),
                    DynamicMessage.newBuilder(field.getContainingType()));
        } catch (InvalidProtocolBufferException e) {
            error(at, scalarProblem(field, shown, at, e));
        }
    }

    private static String scalarProblem(FieldDescriptor field, JsonNode shown, FieldPath at,
            InvalidProtocolBufferException e) {
        if (field.getJavaType() == JavaType.ENUM) {
            List<String> names = field.getEnumType().getValues().stream().map(EnumValueDescriptor::getName).toList();
            return at.dotted() + " " + describe(shown) + " is not a value of " + field.getEnumType().getFullName()
                    + ": use one of " + names;
        }
        if (field.getJavaType() == JavaType.MESSAGE && field.getMessageType().getFullName()
                .equals("google.protobuf.Duration")) {
            return at.dotted() + " " + describe(shown) + " is not a duration: write seconds with an s, like \"5s\""
                    + " or \"0.250s\"";
        }
        String type = field.getJavaType() == JavaType.MESSAGE ? field.getMessageType().getFullName()
                : field.getType().name().toLowerCase(Locale.ROOT);
        return at.dotted() + " " + describe(shown) + " is not a valid " + type + " (" + e.getMessage() + ")";
    }

    private String unknownField(String key, Descriptor type, FieldPath parent) {
        String message = "unknown field \"" + key + "\" in " + parent.dotted() + " (" + type.getFullName()
                + " has no such field; Envoy would reject it)";
        Optional<String> closest = Suggestions.closest(type.getFields().stream().map(FieldDescriptor::getName)
                .toList(), key);
        if (closest.isPresent()) {
            return message + "; did you mean \"" + closest.get() + "\"?";
        }
        if (type.equals(EnvoyTypes.of(target))) {
            Optional<TargetType> owner = Arrays.stream(TargetType.values())
                    .filter(t -> t != target && EnvoyTypes.field(EnvoyTypes.of(t), key).isPresent())
                    .findFirst();
            if (owner.isPresent()) {
                return message + "; \"" + key + "\" is a field of " + owner.get().word() + ": is target.type right?";
            }
        }
        return message;
    }

    /** A field whose value is a message written field by field (not a scalar, an enum or a well-known value). */
    private static boolean isStructured(FieldDescriptor field) {
        return field.getJavaType() == JavaType.MESSAGE && !EnvoyTypes.isWellKnownValue(field.getMessageType());
    }

    private void error(FieldPath at, String message) {
        findings.add(Finding.error(at, message));
    }

    /** The value for a message: {@code "5"}, {@code 5}, {@code a list}, {@code a mapping}. */
    private static String describe(JsonNode node) {
        if (node.isString()) {
            return "\"" + node.asString() + "\"";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return node.isMissingNode() ? "nothing" : node.toString();
    }

    /** Parses a checked value into its target type (the parse that decides; it should not fail after the check). */
    static Message parse(JsonNode value, TargetType target, TypeRegistry registry)
            throws InvalidProtocolBufferException {
        Message.Builder builder = EnvoyTypes.defaultInstance(target).newBuilderForType();
        JsonFormat.parser().usingTypeRegistry(registry).merge(JSON.writeValueAsString(value), builder);
        return builder.build();
    }
}
