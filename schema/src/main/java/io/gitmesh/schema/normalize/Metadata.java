package io.gitmesh.schema.normalize;

import io.gitmesh.schema.DocumentType;
import io.gitmesh.schema.ResourceKey;
import io.gitmesh.schema.policy.Meta;
import io.gitmesh.schema.policy.Origin;

/** Reads {@code metadata} (name, namespace, labels, annotations) and the document's {@link Origin}. */
final class Metadata {
    static final String DEFAULT_NAMESPACE = "default";

    /** Where an object lives, which decides its namespace when none is written. */
    enum Scope {
        /** Namespaced: {@code default} when no namespace is written. */
        NAMESPACED,
        /** Cluster-scoped (a Namespace): never in a namespace, whatever is written. */
        CLUSTER,
        /** Mesh-wide (a MeshConfig, gitmesh's or OSM's): in no namespace unless one is written. */
        MESH
    }

    private Metadata() {
    }

    /**
     * The metadata of the document; problems are reported to {@code fields}, which from here on
     * names the resource by its defaulted key (by its kind alone while it has no name).
     */
    static Meta read(FieldReader fields, DocumentType type, Scope scope) {
        Located metadata = fields.requiredObject(fields.root().child("metadata"));
        Located nameField = metadata.child("name");
        Located namespaceField = metadata.child("namespace");
        String name = nameField.node().isString() ? nameField.node().asString() : "";
        String namespace = scope == Scope.CLUSTER ? ""
                : namespaceField.node().isString() ? namespaceField.node().asString()
                : scope == Scope.NAMESPACED ? DEFAULT_NAMESPACE : "";
        fields.resource(name.isEmpty() ? type.kind() : new ResourceKey(type.kind(), namespace, name).toString());

        checkName(fields, nameField, fields.requiredString(nameField));
        if (scope != Scope.CLUSTER) {
            fields.string(namespaceField).ifPresent(ns -> checkNamespace(fields, namespaceField, ns));
        }
        return new Meta(name, namespace, fields.stringMap(metadata.child("labels")),
                fields.stringMap(metadata.child("annotations")), origin(fields, type));
    }

    /** Reports a name written as a string that is not a DNS-1123 subdomain. */
    static void checkName(FieldReader fields, Located f, String name) {
        if (f.node().isString() && !DnsNames.isSubdomain(name)) {
            fields.error(f, f.field() + " \"" + name + "\" is not a valid name: use " + DnsNames.SUBDOMAIN_RULE);
        }
    }

    /** Reports a namespace that is not a DNS-1123 label. */
    static void checkNamespace(FieldReader fields, Located f, String namespace) {
        if (!DnsNames.isLabel(namespace)) {
            fields.error(f, f.field() + " \"" + namespace + "\" is not a valid namespace: use "
                    + DnsNames.LABEL_RULE);
        }
    }

    private static Origin origin(FieldReader fields, DocumentType type) {
        var doc = fields.document();
        return new Origin(doc.file(), doc.index(), type.apiVersion(), doc.start(), doc.positions());
    }
}
