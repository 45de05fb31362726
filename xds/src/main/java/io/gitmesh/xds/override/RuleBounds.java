package io.gitmesh.xds.override;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.envoyproxy.pgv.validate.Validate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The bounds of a protoc-gen-validate number or duration rule ({@code gt}, {@code gte}, {@code lt},
 * {@code lte}, {@code const}), as exact decimals, and the check of a value against them.
 *
 * @param inSeconds the bounds of a duration rule: values are seconds, shown as {@code 0.5s}
 */
record RuleBounds(Optional<BigDecimal> lower, boolean lowerInclusive, Optional<BigDecimal> upper,
        boolean upperInclusive, Optional<BigDecimal> exactly, boolean inSeconds) {

    /** The {@code gt}/{@code gte}/{@code lt}/{@code lte}/{@code const} of a numeric or duration rules message. */
    static RuleBounds of(Message rules, BiFunction<FieldDescriptor, Object, BigDecimal> read) {
        Descriptor type = rules.getDescriptorForType();
        Optional<BigDecimal> gt = bound(rules, type.findFieldByName("gt"), read);
        Optional<BigDecimal> gte = bound(rules, type.findFieldByName("gte"), read);
        Optional<BigDecimal> lt = bound(rules, type.findFieldByName("lt"), read);
        Optional<BigDecimal> lte = bound(rules, type.findFieldByName("lte"), read);
        return new RuleBounds(gt.or(() -> gte), gt.isEmpty(), lt.or(() -> lte), lt.isEmpty(),
                bound(rules, type.findFieldByName("const"), read),
                type.getFullName().equals(Validate.DurationRules.getDescriptor().getFullName()));
    }

    private static Optional<BigDecimal> bound(Message rules, FieldDescriptor field,
            BiFunction<FieldDescriptor, Object, BigDecimal> read) {
        return field != null && rules.hasField(field)
                ? Optional.ofNullable(read.apply(field, rules.getField(field))) : Optional.empty();
    }

    /**
     * Why the value breaks the bounds, or empty. As in protoc-gen-validate, a lower bound above the
     * upper one means "outside the range".
     */
    Optional<String> check(BigDecimal value) {
        if (value == null) {
            return Optional.empty();
        }
        if (exactly.isPresent() && value.compareTo(exactly.get()) != 0) {
            return Optional.of("must be exactly " + show(exactly.get()) + ", not " + show(value));
        }
        boolean aboveLower = lower.map(l -> lowerInclusive ? value.compareTo(l) >= 0 : value.compareTo(l) > 0)
                .orElse(true);
        boolean belowUpper = upper.map(u -> upperInclusive ? value.compareTo(u) <= 0 : value.compareTo(u) < 0)
                .orElse(true);
        boolean outsideRange = lower.isPresent() && upper.isPresent() && lower.get().compareTo(upper.get()) > 0;
        boolean valid = outsideRange ? aboveLower || belowUpper : aboveLower && belowUpper;
        if (valid) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        lower.ifPresent(l -> parts.add((lowerInclusive ? "at least " : "greater than ") + show(l)));
        upper.ifPresent(u -> parts.add((upperInclusive ? "at most " : "less than ") + show(u)));
        return Optional.of("must be " + String.join(outsideRange ? " or " : " and ", parts) + ", not "
                + show(value));
    }

    private String show(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString() + (inSeconds ? "s" : "");
    }

    /** A number as its field's type reads it (unsigned types as unsigned); null for NaN and infinities. */
    static BigDecimal number(FieldDescriptor field, Object value) {
        return switch (field.getType()) {
            case UINT32, FIXED32 -> BigDecimal.valueOf(Integer.toUnsignedLong((Integer) value));
            case UINT64, FIXED64 -> new BigDecimal(Long.toUnsignedString((Long) value));
            case FLOAT, DOUBLE -> Double.isFinite(((Number) value).doubleValue())
                    ? new BigDecimal(value.toString()) : null;
            default -> BigDecimal.valueOf(((Number) value).longValue());
        };
    }

    /** A google.protobuf.Duration in seconds. */
    static BigDecimal duration(Message duration) {
        Descriptor type = duration.getDescriptorForType();
        long seconds = (Long) duration.getField(type.findFieldByName("seconds"));
        int nanos = (Integer) duration.getField(type.findFieldByName("nanos"));
        return BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(nanos, 9));
    }

    static BigDecimal durationBound(FieldDescriptor field, Object value) {
        return duration((Message) value);
    }
}
