package io.gitmesh.xds.override;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.JavaType;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.envoyproxy.pgv.validate.Validate;
import io.envoyproxy.pgv.validate.Validate.FieldRules;
import io.envoyproxy.pgv.validate.Validate.StringRules;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Envoy's own validation rules, as its protos declare them (protoc-gen-validate annotations, which
 * java-control-plane keeps in its descriptors): the ones Envoy's resources use most, checked on a whole
 * message including the typed configs inside it. They are required messages and oneofs, string
 * lengths, number and duration bounds, list and map sizes, and enum values that must be defined
 * (each skipped for an empty value where the rule says {@code ignore_empty}).
 * Envoy checks every rule (regular expressions on header names, for one, are not checked here) and
 * rejects the whole resource when one fails.
 *
 * <p>When the JSON the message was parsed from is given, each finding is placed on the field as
 * written there (or its nearest written parent).
 */
final class ProtoRules {
    private static final String DURATION = "google.protobuf.Duration";

    private final List<Finding> findings = new ArrayList<>();

    private ProtoRules() {
    }

    /** The rules {@code message} breaks; {@code written}: the JSON it was parsed from, if any. */
    static List<Finding> check(Message message, JsonNode written, FieldPath at) {
        ProtoRules rules = new ProtoRules();
        rules.message(message, written, at);
        return List.copyOf(rules.findings);
    }

    static List<Finding> check(Message message, FieldPath at) {
        return check(message, MissingNode.getInstance(), at);
    }

    private void message(Message message, JsonNode written, FieldPath at) {
        Descriptor type = message.getDescriptorForType();
        if (EnvoyTypes.isAny(type)) {
            any(message, written, at);
            return;
        }
        for (OneofDescriptor oneof : type.getRealOneofs()) {
            if (oneof.getOptions().getExtension(Validate.required) && !message.hasOneof(oneof)) {
                String alternatives = oneof.getFields().stream().map(FieldDescriptor::getName)
                        .collect(Collectors.joining(", "));
                violation(at, at.describe("it") + " needs one of " + alternatives + " (" + type.getFullName() + ")");
            }
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getRealContainingOneof() != null && !message.hasField(field)) {
                continue;
            }
            FieldRules rules = field.getOptions().getExtension(Validate.rules);
            String key = EnvoyTypes.writtenKey(written, field);
            FieldPath here = at.child(key);
            if (field.isRepeated()) {
                repeated(message, field, rules, written.path(key), here);
            } else if (field.getJavaType() == JavaType.MESSAGE) {
                singular(message, field, rules, written.path(key), here);
            } else {
                scalar(rules, field, message.getField(field), here);
            }
        }
    }

    private void singular(Message message, FieldDescriptor field, FieldRules rules, JsonNode written, FieldPath at) {
        if (!message.hasField(field)) {
            if (rules.getMessage().getRequired() || rules.getDuration().getRequired()
                    || rules.getAny().getRequired() || rules.getTimestamp().getRequired()) {
                violation(at, at.dotted() + " is required (" + field.getFullName() + ")");
            }
            return;
        }
        Message value = (Message) message.getField(field);
        Descriptor type = field.getMessageType();
        if (type.getFullName().equals(DURATION)) {
            duration(rules, value, at);
        } else if (EnvoyTypes.isWellKnownValue(type)) {
            // a wrapper (UInt32Value, ...): the rules apply to the value it wraps
            FieldDescriptor wrapped = type.findFieldByName("value");
            if (wrapped != null) {
                scalar(rules, wrapped, value.getField(wrapped), at);
            }
        } else if (!rules.getMessage().getSkip()) {
            message(value, written, at);
        }
    }

    private void repeated(Message message, FieldDescriptor field, FieldRules rules, JsonNode written, FieldPath at) {
        int count = message.getRepeatedFieldCount(field);
        if (field.isMapField()) {
            Validate.MapRules map = rules.getMap();
            if (!(map.getIgnoreEmpty() && count == 0)) {
                size(at, count, map.hasMinPairs() ? map.getMinPairs() : -1, map.hasMaxPairs() ? map.getMaxPairs() : -1,
                        "entries");
            }
            Descriptor entryType = field.getMessageType();
            FieldDescriptor keyField = entryType.findFieldByName("key");
            FieldDescriptor valueField = entryType.findFieldByName("value");
            for (int i = 0; i < count; i++) {
                Message entry = (Message) message.getRepeatedField(field, i);
                String key = String.valueOf(entry.getField(keyField));
                if (valueField.getJavaType() == JavaType.MESSAGE
                        && !EnvoyTypes.isWellKnownValue(valueField.getMessageType())) {
                    message((Message) entry.getField(valueField), written.path(key), at.entry(key));
                }
            }
            return;
        }
        Validate.RepeatedRules list = rules.getRepeated();
        if (!(list.getIgnoreEmpty() && count == 0)) {
            size(at, count, list.hasMinItems() ? list.getMinItems() : -1, list.hasMaxItems() ? list.getMaxItems() : -1,
                    "items");
        }
        for (int i = 0; i < count; i++) {
            Object item = message.getRepeatedField(field, i);
            if (field.getJavaType() != JavaType.MESSAGE) {
                scalar(list.getItems(), field, item, at.item(i));
            } else if (!EnvoyTypes.isWellKnownValue(field.getMessageType())) {
                message((Message) item, written.path(i), at.item(i));
            }
        }
    }

    /** A typed config: the rules of the type it holds (types the checker reported as unknown are left alone). */
    private void any(Message any, JsonNode written, FieldPath at) {
        Descriptor anyType = any.getDescriptorForType();
        String url = (String) any.getField(anyType.findFieldByName("type_url"));
        Optional<Descriptor> type = url.isEmpty() ? Optional.empty() : EnvoyTypes.find(url);
        if (type.isEmpty()) {
            return;
        }
        try {
            message(DynamicMessage.parseFrom(type.get(), (ByteString) any.getField(anyType.findFieldByName("value"))),
                    written, at);
        } catch (InvalidProtocolBufferException e) {
            violation(at, at.describe("it") + " does not hold a valid " + type.get().getFullName());
        }
    }

    private void scalar(FieldRules rules, FieldDescriptor field, Object value, FieldPath at) {
        switch (rules.getTypeCase()) {
            case STRING -> string(rules.getString(), (String) value, at);
            case ENUM -> {
                EnumValueDescriptor enumValue = (EnumValueDescriptor) value;
                if (rules.getEnum().getDefinedOnly()
                        && enumValue.getType().findValueByNumber(enumValue.getNumber()) == null) {
                    violation(at, at.dotted() + " is " + enumValue.getNumber() + ", which is not a value of "
                            + enumValue.getType().getFullName());
                }
            }
            case FLOAT, DOUBLE, INT32, INT64, UINT32, UINT64, SINT32, SINT64, FIXED32, FIXED64, SFIXED32,
                    SFIXED64 -> {
                Message bounds = (Message) rules.getField(rules.getOneofFieldDescriptor(
                        FieldRules.getDescriptor().getOneofs().getFirst()));
                BigDecimal number = RuleBounds.number(field, value);
                boolean ignored = Boolean.TRUE.equals(bounds.getField(
                        bounds.getDescriptorForType().findFieldByName("ignore_empty")))
                        && number != null && number.signum() == 0;
                if (!ignored) {
                    RuleBounds.of(bounds, RuleBounds::number).check(number)
                            .ifPresent(problem -> violation(at, at.dotted() + " " + problem));
                }
            }
            default -> {
                // bytes, bool, timestamps, ...: no rule Envoy's resources depend on
            }
        }
    }

    private void duration(FieldRules rules, Message value, FieldPath at) {
        RuleBounds.of(rules.getDuration(), RuleBounds::durationBound).check(RuleBounds.duration(value))
                .ifPresent(problem -> violation(at, at.dotted() + " " + problem));
    }

    private void string(StringRules rules, String value, FieldPath at) {
        if (rules.getIgnoreEmpty() && value.isEmpty()) {
            return;
        }
        long chars = value.codePointCount(0, value.length());
        long bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (rules.hasMinLen() && chars < rules.getMinLen()) {
            violation(at, at.dotted() + (value.isEmpty() ? " is empty; it needs" : " is too short; it needs")
                    + " at least " + rules.getMinLen() + " character(s)");
        }
        if (rules.hasMaxLen() && chars > rules.getMaxLen()) {
            violation(at, at.dotted() + " is too long: at most " + rules.getMaxLen() + " character(s), not " + chars);
        }
        if (rules.hasMinBytes() && bytes < rules.getMinBytes()) {
            violation(at, at.dotted() + " needs at least " + rules.getMinBytes() + " byte(s)");
        }
        if (rules.hasMaxBytes() && bytes > rules.getMaxBytes()) {
            violation(at, at.dotted() + " is too long: at most " + rules.getMaxBytes() + " byte(s), not " + bytes);
        }
    }

    /** A list or map size against its bounds ({@code -1}: none). */
    private void size(FieldPath at, int count, long min, long max, String what) {
        if (min >= 0 && count < min) {
            violation(at, at.dotted() + " needs at least " + min + " " + what + ", has " + count);
        }
        if (max >= 0 && count > max) {
            violation(at, at.dotted() + " has " + count + " " + what + ", at most " + max + " are allowed");
        }
    }

    private void violation(FieldPath at, String message) {
        findings.add(Finding.error(at, message + " (an Envoy validation rule)"));
    }
}
