package io.gitmesh.schema.normalize;

import io.gitmesh.schema.policy.Meta;
import io.gitmesh.schema.policy.SplitBackend;
import io.gitmesh.schema.policy.SplitMatch;
import io.gitmesh.schema.policy.TrafficSplit;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * split.smi-spec.io TrafficSplit. The root service and the backends may be written as a short name
 * or an FQDN, but must be in the split's namespace. Weights are Kubernetes quantities in v1alpha1
 * ({@code 100m} = 0.1) and plain numbers later; {@code matches} exist from v1alpha3.
 */
final class TrafficSplitReader {
    private TrafficSplitReader() {
    }

    static TrafficSplit read(FieldReader fields, Meta meta, String version) {
        Located spec = fields.requiredObject(fields.root().child("spec"));
        Located serviceField = spec.child("service");
        String service = fields.requiredString(serviceField);
        String serviceName = serviceName(fields, serviceField, service, meta.namespace(), "the root service");

        List<SplitBackend> backends = fields.list(spec.child("backends")).stream()
                .map(backend -> backend(fields, fields.object(backend), meta.namespace(), version))
                .toList();
        List<SplitMatch> matches = version.equals("v1alpha3") || version.equals("v1alpha4")
                ? fields.list(spec.child("matches")).stream().map(match -> match(fields, fields.object(match))).toList()
                : List.of();
        return new TrafficSplit(meta, service, serviceName, backends, matches);
    }

    private static SplitBackend backend(FieldReader fields, Located backend, String namespace, String version) {
        Located serviceField = backend.child("service");
        String service = serviceName(fields, serviceField, fields.requiredString(serviceField), namespace,
                "a backend service");
        Located weightField = backend.child("weight");
        BigDecimal weight = version.equals("v1alpha1") ? quantity(fields, weightField) : number(fields, weightField);
        return new SplitBackend(service, weight, backend.pointer());
    }

    private static SplitMatch match(FieldReader fields, Located match) {
        return new SplitMatch(fields.requiredString(match.child("kind")), fields.requiredString(match.child("name")),
                match.pointer());
    }

    /** The Service name a written short name or FQDN refers to, which must be in {@code namespace}. */
    private static String serviceName(FieldReader fields, Located field, String written, String namespace,
            String what) {
        if (!field.node().isString()) {
            return written;
        }
        Optional<ServiceName> parsed = ServiceName.parse(written);
        if (parsed.isEmpty()) {
            fields.error(field, field.field() + " \"" + written + "\" is not a Service name: write " + ServiceName.FORMS
                    + " (a Service name is " + DnsNames.SERVICE_RULE + ")");
            return written;
        }
        if (!parsed.get().isIn(namespace)) {
            fields.error(field, field.field() + " \"" + written + "\" is in namespace \"" + parsed.get().namespace()
                    + "\": " + what + " must be in the split's namespace \"" + namespace + "\"");
        }
        return parsed.get().name();
    }

    /** A v1alpha1 weight: a Kubernetes quantity, written as a string ({@code 500m}) or a number. */
    private static BigDecimal quantity(FieldReader fields, Located weight) {
        if (!fields.require(weight)) {
            return BigDecimal.ZERO;
        }
        Optional<BigDecimal> value = weight.node().isString() ? Quantity.parse(weight.node().asString())
                : FieldReader.decimalValue(weight);
        if (value.isEmpty()) {
            fields.error(weight, weight.field() + " must be a Kubernetes quantity such as 1, 500m or 1500m, not "
                    + weight.describe());
        }
        return nonNegative(fields, weight, value.orElse(BigDecimal.ZERO));
    }

    /** A weight of v1alpha2 and later: a number, kept exact. */
    private static BigDecimal number(FieldReader fields, Located weight) {
        if (!fields.require(weight)) {
            return BigDecimal.ZERO;
        }
        Optional<BigDecimal> value = FieldReader.decimalValue(weight);
        if (value.isEmpty()) {
            fields.error(weight, weight.field() + " must be a number such as 50, not " + weight.describe());
        }
        return nonNegative(fields, weight, value.orElse(BigDecimal.ZERO));
    }

    private static BigDecimal nonNegative(FieldReader fields, Located weight, BigDecimal value) {
        BigDecimal canonical = canonical(value);
        if (canonical.signum() < 0) {
            fields.error(weight, weight.field() + " is " + canonical.toPlainString() + "; weights must be 0 or more");
        }
        return canonical;
    }

    /** One representation per value: {@code 0.1} for 100m and for 0.100, {@code 50} for 50.0. */
    private static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
