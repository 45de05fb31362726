package io.gitmesh.schema.normalize;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.gitmesh.schema.policy.EnvoyOverride;
import io.gitmesh.schema.policy.EnvoyPatch;
import io.gitmesh.schema.policy.Meta;
import io.gitmesh.schema.policy.PatchOperation;
import io.gitmesh.schema.policy.PatchTarget;
import io.gitmesh.schema.policy.TargetMatch;
import io.gitmesh.schema.policy.TargetType;
import io.gitmesh.schema.policy.WorkloadSelector;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * gitmesh.io/v1alpha1 EnvoyOverride (DESIGN.md §6): a selector and a list of patches. The selector's
 * namespace defaults to the override's own ({@code "*"} selects every namespace). Each patch must make
 * sense on its own: a target picked by name or by match (not both), match conditions and parents that
 * fit the target type, a value exactly when the operation takes one, and a value name that neither
 * renames a merged or replaced object nor is missing from an added one. The value itself is Envoy's
 * proto JSON; the xds module checks it against the real Envoy type.
 */
final class EnvoyOverrideReader {
    private EnvoyOverrideReader() {
    }

    static EnvoyOverride read(FieldReader fields, Meta meta) {
        Located spec = fields.requiredObject(fields.root().child("spec"));
        WorkloadSelector selector = selector(fields, fields.object(spec.child("selector")), meta.namespace());
        Located patchList = spec.child("patches");
        fields.require(patchList);
        List<Located> items = fields.list(patchList);
        if (items.isEmpty() && patchList.node().isArray()) {
            fields.error(patchList, patchList.field() + " is empty: an override needs at least one patch");
        }
        List<EnvoyPatch> patches = items.stream()
                .map(item -> patch(fields, fields.object(item)))
                .flatMap(Optional::stream)
                .toList();
        return new EnvoyOverride(meta, selector, patches);
    }

    private static WorkloadSelector selector(FieldReader fields, Located selector, String ownNamespace) {
        Located namespaceField = selector.child("namespace");
        String namespace = fields.string(namespaceField).orElse(ownNamespace);
        if (!namespaceField.absent() && !namespace.equals(WorkloadSelector.ALL_NAMESPACES)) {
            Metadata.checkNamespace(fields, namespaceField, namespace);
        }
        Located accountField = selector.child("serviceAccount");
        Optional<String> serviceAccount = fields.string(accountField);
        serviceAccount.ifPresent(name -> Metadata.checkName(fields, accountField, name));
        return new WorkloadSelector(
                namespace.equals(WorkloadSelector.ALL_NAMESPACES) ? Optional.empty() : Optional.of(namespace),
                serviceAccount, fields.stringMap(selector.child("labels")));
    }

    /** One patch, or empty when it has an error (reported). */
    private static Optional<EnvoyPatch> patch(FieldReader fields, Located patch) {
        if (patch.absent()) {
            return Optional.empty();
        }
        Located target = fields.requiredObject(patch.child("target"));
        Optional<TargetType> type = word(fields, target.child("type"), TargetType::fromWord, TargetType.words());
        Optional<PatchOperation> operation = word(fields, patch.child("operation"), PatchOperation::fromWord,
                PatchOperation.words());
        if (type.isEmpty() || operation.isEmpty()) {
            return Optional.empty();
        }
        Optional<PatchTarget> read = target(fields, target, type.get(), operation.get());
        Optional<JsonNode> value = value(fields, patch.child("value"), type.get(), operation.get(), read);
        if (read.isEmpty() || value.isEmpty() && operation.get() != PatchOperation.REMOVE) {
            return Optional.empty();
        }
        return Optional.of(new EnvoyPatch(read.get(), operation.get(), value, patch.pointer()));
    }

    /** The target, or empty when it is picked both by name and by match (reported). */
    private static Optional<PatchTarget> target(FieldReader fields, Located target, TargetType type,
            PatchOperation operation) {
        Located nameField = target.child("name");
        Optional<String> name = nonEmptyString(fields, nameField);
        Located matchField = fields.object(target.child("match"));
        TargetMatch match = match(fields, matchField, type);
        Optional<String> parent = parent(fields, target, type, operation);
        if (operation == PatchOperation.ADD) {
            for (Located picker : List.of(nameField, matchField)) {
                if (!picker.absent()) {
                    fields.error(picker, "an add creates a new " + type.word() + ", named by value.name; "
                            + picker.field() + " picks existing ones, leave it out");
                }
            }
        }
        if (!nameField.absent() && !matchField.absent()) {
            fields.error(matchField, "give " + nameField.field() + " or " + matchField.field() + ", not both");
            return Optional.empty();
        }
        return Optional.of(new PatchTarget(type, name, match, parent));
    }

    private static TargetMatch match(FieldReader fields, Located match, TargetType type) {
        Located regexField = match.child("nameRegex");
        Optional<String> regex = fields.string(regexField);
        regex.ifPresent(r -> checkRegex(fields, regexField, r));
        Located portField = match.child("port");
        OptionalInt port = fields.port(portField);
        onlyFor(fields, portField, type, TargetType.LISTENER);
        Located domainField = match.child("domain");
        Optional<String> domain = nonEmptyString(fields, domainField);
        onlyFor(fields, domainField, type, TargetType.VIRTUAL_HOST);
        return new TargetMatch(regex, port, domain);
    }

    /** The route configuration of a virtual host, the listener of an HTTP filter; required to add a virtual host. */
    private static Optional<String> parent(FieldReader fields, Located target, TargetType type,
            PatchOperation operation) {
        for (TargetType other : TargetType.values()) {
            if (other != type) {
                other.parentField().ifPresent(f -> onlyFor(fields, target.child(f), type, other));
            }
        }
        if (type.parentField().isEmpty()) {
            return Optional.empty();
        }
        Located parentField = target.child(type.parentField().get());
        Optional<String> parent = nonEmptyString(fields, parentField);
        if (type == TargetType.VIRTUAL_HOST && operation == PatchOperation.ADD && parentField.absent()) {
            fields.error(target, "missing " + parentField.field() + ": an added VirtualHost goes into the"
                    + " RouteConfiguration named there");
        }
        return parent;
    }

    /**
     * The value, checked against the operation: none for {@code remove}; for the others a mapping, whose
     * {@code name} names the object an {@code add} creates and may not rename what a {@code merge} or
     * {@code replace} changes.
     */
    private static Optional<JsonNode> value(FieldReader fields, Located valueField, TargetType type,
            PatchOperation operation, Optional<PatchTarget> target) {
        if (operation == PatchOperation.REMOVE) {
            if (!valueField.absent()) {
                fields.error(valueField, "a remove takes no value; delete " + valueField.field());
            }
            return Optional.empty();
        }
        if (valueField.absent()) {
            fields.error(valueField, "missing " + valueField.field() + ": a " + operation.word() + " needs the "
                    + type.word() + " fields to " + operation.word() + ", written as Envoy's proto JSON");
            return Optional.empty();
        }
        Located value = fields.object(valueField);
        if (value.absent()) {
            return Optional.empty();
        }
        Located nameField = value.child("name");
        switch (operation) {
            case ADD -> {
                if (nameField.absent()) {
                    fields.error(value, "missing " + nameField.field() + ": an added " + type.word()
                            + " needs a name");
                } else {
                    nonEmptyString(fields, nameField);
                }
            }
            case MERGE -> {
                if (!nameField.absent()) {
                    fields.error(nameField, "a merge cannot rename a " + type.word() + "; leave " + nameField.field()
                            + " out (the target picks which " + type.word() + " to change)");
                }
            }
            case REPLACE -> target.flatMap(t -> renamed(fields, nameField, t)).ifPresent(problem ->
                    fields.error(nameField, problem));
            case REMOVE -> throw new IllegalStateException("handled above");
        }
        return Optional.of(value.node());
    }

    /** Why a replacement's name is wrong: a replaced object keeps its name. */
    private static Optional<String> renamed(FieldReader fields, Located nameField, PatchTarget target) {
        if (nameField.absent()) {
            return Optional.empty();
        }
        Optional<String> name = fields.string(nameField);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (target.name().isEmpty()) {
            return Optional.of("leave " + nameField.field() + " out: each " + target.type().word()
                    + " the target matches keeps its own name");
        }
        if (!target.name().equals(name)) {
            return Optional.of(nameField.field() + " \"" + name.get() + "\" differs from target.name \""
                    + target.name().get() + "\": a replaced " + target.type().word()
                    + " keeps its name; leave " + nameField.field() + " out");
        }
        return Optional.empty();
    }

    private static void checkRegex(FieldReader fields, Located field, String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            fields.error(field, field.field() + " \"" + regex + "\" is not a valid RE2 regular expression: "
                    + e.getDescription());
        }
    }

    private static void onlyFor(FieldReader fields, Located field, TargetType type, TargetType allowed) {
        if (!field.absent() && type != allowed) {
            fields.error(field, field.field() + " applies to " + allowed.word() + " targets only, and this target is"
                    + " a " + type.word());
        }
    }

    private static Optional<String> nonEmptyString(FieldReader fields, Located field) {
        Optional<String> value = fields.string(field);
        if (value.isPresent() && value.get().isEmpty()) {
            fields.error(field, field.field() + " is empty; write a name or leave it out");
            return Optional.empty();
        }
        return value;
    }

    /** A required field whose value is one of a few words ({@code merge}, {@code Cluster}). */
    private static <T> Optional<T> word(FieldReader fields, Located field, Function<String, Optional<T>> parse,
            List<String> words) {
        if (!fields.require(field)) {
            return Optional.empty();
        }
        Optional<T> value = fields.string(field).flatMap(parse);
        if (value.isEmpty() && field.node().isString()) {
            fields.error(field, field.field() + " \"" + field.node().asString() + "\" is not one of " + words);
        }
        return value;
    }
}
