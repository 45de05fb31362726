package io.gitmesh.schema;

import io.gitmesh.schema.jsonschema.SchemaValidator;
import io.gitmesh.schema.kube.KubeObject;
import io.gitmesh.schema.normalize.KubeReader;
import io.gitmesh.schema.normalize.Normalized;
import io.gitmesh.schema.normalize.Normalizer;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.schema.policy.Origin;
import io.gitmesh.schema.policy.PolicyDocument;
import io.gitmesh.schema.yaml.ParsedFile;
import io.gitmesh.schema.yaml.SourceDocument;
import io.gitmesh.schema.yaml.YamlReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads the files of one revision: YAML with positions, then per document its type, its JSON Schema
 * (policy kinds), and its normalised record. Duplicate resources are reported here, naming both
 * places; the first one (in path order) is kept so that what refers to it still resolves.
 */
public final class PolicyReader {
    /** API versions Kubernetes no longer serves, and the release that removed them. */
    private static final Map<String, String> REMOVED_API_VERSIONS = Map.of(
            "apiextensions.k8s.io/v1beta1", "1.22",
            "extensions/v1beta1", "1.16 (workloads) and 1.22 (Ingress)",
            "apps/v1beta1", "1.16",
            "apps/v1beta2", "1.16",
            "discovery.k8s.io/v1beta1", "1.25",
            "policy/v1beta1", "1.25",
            "admissionregistration.k8s.io/v1beta1", "1.22");

    /** Kinds without a namespace (for naming resources in messages before they are normalised). */
    private static final java.util.Set<String> CLUSTER_SCOPED = java.util.Set.of("Namespace", "MeshConfig",
            "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration", "PersistentVolume", "StorageClass", "Node");

    private final YamlReader yaml;
    private final SchemaValidator schemas;
    private final Normalizer normalizer = new Normalizer();
    private final KubeReader kube = new KubeReader();

    public PolicyReader(Limits limits) {
        this.yaml = new YamlReader(limits);
        this.schemas = SchemaValidator.shared();
    }

    public PolicyReader() {
        this(Limits.DEFAULT);
    }

    /** Reads the files (in path order, whatever order they are given in). */
    public PolicyRead read(List<SourceFile> files) {
        return combine(files.stream().map(this::readFile).toList());
    }

    /**
     * Reads one file on its own. Files do not depend on each other until {@link #combine}, so a
     * caller may read them in parallel (this class keeps no state between calls) or reuse the
     * result of a file that did not change.
     */
    public FileRead readFile(SourceFile file) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<PolicyDocument> policies = new ArrayList<>();
        List<KubeObject> objects = new ArrayList<>();
        ParsedFile parsed = yaml.read(file);
        diagnostics.addAll(parsed.diagnostics());
        for (SourceDocument doc : parsed.documents()) {
            readDocument(doc, diagnostics, policies, objects);
        }
        return new FileRead(file.path(), policies, objects, diagnostics);
    }

    /**
     * The same as {@link #combined(List)}, folding the files that changed into {@code before}, the last
     * revision's combination, where that plainly gives the same (a reconcile loop: a commit changes a few
     * files of many).
     *
     * @param files this revision's reads, in path order
     */
    public CombinedReads combine(List<FileRead> files, CombinedReads before) {
        return ReadFolding.fold(files, before).orElseGet(() -> combined(files));
    }

    /** Puts files read one by one together: in path order, with duplicate resources reported. */
    public PolicyRead combine(List<FileRead> files) {
        return combined(files).read();
    }

    /** {@link #combine(List)}, kept for the next revision to fold its changes into. */
    public CombinedReads combined(List<FileRead> files) {
        List<FileRead> inOrder = files.stream().sorted(Comparator.comparing(FileRead::path)).toList();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<PolicyDocument> policies = new ArrayList<>();
        List<KubeObject> objects = new ArrayList<>();
        for (FileRead file : inOrder) {
            diagnostics.addAll(file.diagnostics());
            policies.addAll(file.policies());
            objects.addAll(file.clusterObjects());
        }
        List<PolicyDocument> keptPolicies = dropDuplicates(policies, PolicyDocument::key, PolicyDocument::origin,
                diagnostics);
        List<KubeObject> keptObjects = dropDuplicates(objects, KubeObject::key, o -> o.meta().origin(), diagnostics);
        boolean complete = keptPolicies.size() == policies.size() && keptObjects.size() == objects.size();
        return new CombinedReads(inOrder, new PolicyRead(new PolicySet(keptPolicies), keptObjects, diagnostics),
                complete);
    }

    private void readDocument(SourceDocument doc, List<Diagnostic> diagnostics, List<PolicyDocument> policies,
            List<KubeObject> objects) {
        JsonNode root = doc.root();
        if (!root.isObject()) {
            diagnostics.add(Diagnostic.of(Severity.INFO, doc.file(), doc.start(), "", "",
                    "document is not a mapping (not a Kubernetes object); skipped"));
            return;
        }
        String apiVersion = text(root.get("apiVersion"));
        String kind = text(root.get("kind"));
        if (apiVersion == null && kind == null) {
            diagnostics.add(Diagnostic.of(Severity.INFO, doc.file(), doc.start(), "", "",
                    "document has no apiVersion and kind (not a Kubernetes object); skipped"));
            return;
        }
        if (apiVersion == null || kind == null) {
            String missing = apiVersion == null ? "apiVersion" : "kind";
            diagnostics.add(Diagnostic.of(Severity.ERROR, doc.file(), doc.start(), "/" + missing, "",
                    "missing or non-string " + missing));
            return;
        }
        String resource = resourceOf(root, kind);
        var type = DocumentType.of(apiVersion, kind);
        if (type.isEmpty()) {
            List<String> versions = DocumentType.supportedVersions(apiVersion, kind);
            if (!versions.isEmpty() && DocumentType.of(groupOf(apiVersion) + "/" + versions.get(0), kind)
                    .map(DocumentType::isPolicy).orElse(false)) {
                diagnostics.add(Diagnostic.of(Severity.ERROR, doc.file(), doc.at("/apiVersion"), "/apiVersion",
                        resource, kind + " " + apiVersion + " is not supported; use one of " + versions));
            } else {
                String removed = REMOVED_API_VERSIONS.containsKey(apiVersion)
                        ? "; note that " + apiVersion + " was removed in Kubernetes " + REMOVED_API_VERSIONS.get(apiVersion)
                        : "";
                diagnostics.add(Diagnostic.of(Severity.INFO, doc.file(), doc.at("/kind"), "/kind", resource,
                        kind + " (" + apiVersion + ") is not used by gitmesh; ignored" + removed));
            }
            return;
        }
        if (type.get().isPolicy()) {
            List<Diagnostic> schemaFindings = schemas.validate(doc, type.get(), resource);
            diagnostics.addAll(schemaFindings);
            if (schemaFindings.stream().anyMatch(Diagnostic::isError)) {
                return;
            }
            Normalized<PolicyDocument> n = normalizer.normalize(doc, type.get());
            diagnostics.addAll(n.diagnostics());
            n.value().ifPresent(policies::add);
        } else {
            Normalized<KubeObject> n = kube.read(doc, type.get());
            diagnostics.addAll(n.diagnostics());
            n.value().ifPresent(objects::add);
        }
    }

    /**
     * Keeps the first of each resource key; every later one becomes an error naming both places.
     * A second MeshConfig under another name is a duplicate too: a repository has at most one.
     */
    private static <T> List<T> dropDuplicates(List<T> items, Function<T, ResourceKey> key,
            Function<T, Origin> origin, List<Diagnostic> diagnostics) {
        Map<ResourceKey, T> first = new HashMap<>();
        T firstMeshConfig = null;
        List<T> kept = new ArrayList<>();
        for (T item : items) {
            ResourceKey k = key.apply(item);
            T earlier = first.putIfAbsent(k, item);
            if (earlier == null && item instanceof MeshConfig) {
                if (firstMeshConfig != null) {
                    earlier = firstMeshConfig;
                } else {
                    firstMeshConfig = item;
                }
            }
            if (earlier == null) {
                kept.add(item);
                continue;
            }
            Origin here = origin.apply(item);
            Origin there = origin.apply(earlier);
            String what = item instanceof MeshConfig && !key.apply(earlier).equals(k)
                    ? "a second MeshConfig (a repository has at most one); the first is " + key.apply(earlier)
                            + " in " + there.describe()
                    : "duplicate resource " + k + ": also defined in " + there.describe();
            diagnostics.add(Diagnostic.of(Severity.ERROR, here.file(), here.start(), "", k.toString(), what));
        }
        return kept;
    }

    private static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.asString() : null;
    }

    /** {@code Kind/namespace/name} as written (namespace {@code default} when omitted), for messages. */
    static String resourceOf(JsonNode root, String kind) {
        JsonNode meta = root.get("metadata");
        String name = meta == null ? null : text(meta.get("name"));
        String namespace = meta == null ? null : text(meta.get("namespace"));
        if (name == null) {
            return kind;
        }
        if (namespace == null) {
            namespace = CLUSTER_SCOPED.contains(kind) ? "" : "default";
        }
        return new ResourceKey(kind, namespace, name).toString();
    }
}
