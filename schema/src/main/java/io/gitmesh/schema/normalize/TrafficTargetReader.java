package io.gitmesh.schema.normalize;

import io.gitmesh.schema.policy.IdentityRef;
import io.gitmesh.schema.policy.Meta;
import io.gitmesh.schema.policy.RouteKind;
import io.gitmesh.schema.policy.RuleRef;
import io.gitmesh.schema.policy.TrafficTarget;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * access.smi-spec.io TrafficTarget. v1alpha1 writes {@code destination}, {@code specs} and
 * {@code sources} at the top level with a {@code destination.port}; v1alpha2 moves them under
 * {@code spec} and renames {@code specs} to {@code rules} (port optional); v1alpha3 drops the port.
 */
final class TrafficTargetReader {
    private static final String KINDS = Arrays.stream(RouteKind.values()).map(RouteKind::kind).toList().toString();

    private TrafficTargetReader() {
    }

    static TrafficTarget read(FieldReader fields, Meta meta, String version) {
        boolean v1alpha1 = version.equals("v1alpha1");
        boolean hasPort = v1alpha1 || version.equals("v1alpha2");
        Located body = v1alpha1 ? fields.root() : fields.requiredObject(fields.root().child("spec"));

        IdentityRef destination = identity(fields, fields.requiredObject(body.child("destination")), meta, hasPort);
        List<IdentityRef> sources = fields.list(body.child("sources")).stream()
                .map(source -> identity(fields, fields.object(source), meta, false))
                .toList();
        List<RuleRef> rules = fields.list(body.child(v1alpha1 ? "specs" : "rules")).stream()
                .map(rule -> rule(fields, fields.object(rule)))
                .toList();
        return new TrafficTarget(meta, destination, sources, rules);
    }

    /** A ServiceAccount reference; its namespace defaults to the TrafficTarget's. */
    private static IdentityRef identity(FieldReader fields, Located ref, Meta meta, boolean hasPort) {
        String kind = fields.requiredString(ref.child("kind"));
        Located nameField = ref.child("name");
        String name = fields.requiredString(nameField);
        Metadata.checkName(fields, nameField, name);
        Located namespaceField = ref.child("namespace");
        Optional<String> namespace = fields.string(namespaceField);
        namespace.ifPresent(ns -> Metadata.checkNamespace(fields, namespaceField, ns));
        Integer port = hasPort ? optionalPort(fields, ref.child("port")) : null;
        return new IdentityRef(kind, name, namespace.orElse(meta.namespace()), port, ref.pointer());
    }

    private static RuleRef rule(FieldReader fields, Located rule) {
        Located kindField = rule.child("kind");
        String kind = fields.requiredString(kindField);
        Optional<RouteKind> routeKind = RouteKind.fromKind(kind);
        if (routeKind.isEmpty() && kindField.node().isString()) {
            fields.error(kindField, kindField.field() + " \"" + kind + "\" is not a route kind: use one of " + KINDS);
        }
        // with no route kind the document is dropped; the stand-in only keeps the record whole until then
        return new RuleRef(routeKind.orElse(RouteKind.HTTP_ROUTE_GROUP), fields.requiredString(rule.child("name")),
                fields.strings(rule.child("matches")), rule.pointer());
    }

    /** The destination port of v1alpha1/v1alpha2, or null when not written. */
    private static Integer optionalPort(FieldReader fields, Located port) {
        var value = fields.port(port);
        return value.isPresent() ? value.getAsInt() : null;
    }
}
