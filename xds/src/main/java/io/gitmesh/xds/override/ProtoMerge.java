package io.gitmesh.xds.override;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.JavaType;
import com.google.protobuf.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Merges a patch into a resource the way protobuf's {@code Message.Builder.mergeFrom} does — a field
 * set in the patch replaces the resource's, a message merges field by field, a list is appended to, a
 * map entry replaces the entry with its key — with three departures that make a merge do what was
 * written:
 * <ul>
 *   <li>a field written in the patch is set even when its value is the default ({@code 0},
 *       {@code false}, {@code ROUND_ROBIN}), which {@code mergeFrom} cannot tell from "not written";
 *   <li>a field written as {@code null} is cleared;
 *   <li>well-known types ({@code Duration}, wrappers such as {@code UInt32Value}, {@code Struct},
 *       {@code Any}, ...) are replaced whole: merged field by field, {@code 1.5s} merged with {@code 5s}
 *       would be {@code 5.5s}, and a wrapper could never be set to 0 (Istio replaces durations whole for
 *       the same reason).
 * </ul>
 */
final class ProtoMerge {
    private ProtoMerge() {
    }

    /** {@code target} with {@code patch} merged in; {@code written} is the JSON the patch was parsed from. */
    static Message merge(Message target, Message patch, JsonNode written) {
        if (!target.getDescriptorForType().equals(patch.getDescriptorForType())) {
            throw new IllegalArgumentException("cannot merge a " + patch.getDescriptorForType().getFullName()
                    + " into a " + target.getDescriptorForType().getFullName());
        }
        Message.Builder builder = target.toBuilder();
        merge(builder, patch, written);
        return builder.build();
    }

    private static void merge(Message.Builder into, Message patch, JsonNode written) {
        for (FieldDescriptor field : patch.getDescriptorForType().getFields()) {
            JsonNode value = written.path(EnvoyTypes.writtenKey(written, field));
            if (value.isNull()) {
                into.clearField(field);
            } else if (field.isMapField()) {
                putAll(into, field, patch);
            } else if (field.isRepeated()) {
                for (int i = 0; i < patch.getRepeatedFieldCount(field); i++) {
                    into.addRepeatedField(field, patch.getRepeatedField(field, i));
                }
            } else if (field.getJavaType() == JavaType.MESSAGE) {
                if (patch.hasField(field)) {
                    into.setField(field, mergedMessage(into, field, (Message) patch.getField(field), value));
                }
            } else if (patch.hasField(field) || !value.isMissingNode()) {
                into.setField(field, patch.getField(field));
            }
        }
    }

    private static Message mergedMessage(Message.Builder into, FieldDescriptor field, Message patch, JsonNode written) {
        boolean whole = EnvoyTypes.isWellKnownValue(field.getMessageType()) || EnvoyTypes.isAny(field.getMessageType());
        if (whole || !into.hasField(field)) {
            return patch;
        }
        Message.Builder merged = ((Message) into.getField(field)).toBuilder();
        merge(merged, patch, written);
        return merged.build();
    }

    /** Map entries: the patch's replace the target's with the same key; new keys follow the old ones. */
    private static void putAll(Message.Builder into, FieldDescriptor field, Message patch) {
        if (patch.getRepeatedFieldCount(field) == 0) {
            return;
        }
        FieldDescriptor key = field.getMessageType().findFieldByName("key");
        Map<Object, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < into.getRepeatedFieldCount(field); i++) {
            Message entry = (Message) into.getRepeatedField(field, i);
            entries.put(entry.getField(key), entry);
        }
        for (int i = 0; i < patch.getRepeatedFieldCount(field); i++) {
            Message entry = (Message) patch.getRepeatedField(field, i);
            entries.put(entry.getField(key), entry);
        }
        into.clearField(field);
        entries.values().forEach(entry -> into.addRepeatedField(field, entry));
    }
}
