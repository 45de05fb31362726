package io.gitmesh.reconciler.mirror;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.gitmesh.reconciler.mirror.MirrorSettings.WriteMode;
import io.gitmesh.schema.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a plan's writes against the API server, as gitmesh's field manager. With
 * {@code CREATE_AND_PATCH} a new object is POSTed and a changed one JSON-patched with
 * {@code fieldManager=gitmesh}; with {@code SERVER_SIDE_APPLY} both are applied with
 * {@code fieldManager=gitmesh} and {@code force=true}. A failed write is reported, not thrown: the
 * informer event that follows a conflicting change brings another check.
 */
final class MirrorWriter {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorWriter.class);

    private final KubernetesClient client;
    private final MirrorCodec codec;
    private final WriteMode mode;

    MirrorWriter(KubernetesClient client, MirrorCodec codec, WriteMode mode) {
        this.client = Objects.requireNonNull(client, "client");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /**
     * @param resourceVersions the resourceVersion of each object the plan was computed against
     * @param served           the versions each kind's CRD serves, the first preferred
     * @return the writes that failed
     */
    List<Notice> write(MirrorPlan plan, Map<ResourceKey, String> resourceVersions, Map<SmiKind, List<String>> served) {
        List<Notice> failures = new ArrayList<>();
        plan.creates().forEach(o -> run(o.key(), "create", () -> create(o), failures));
        plan.updates().forEach(u -> run(u.target().key(), "update",
                () -> update(u, resourceVersions.get(u.current().key())), failures));
        plan.deletes().forEach(key -> run(key, "prune", () -> {
            SmiKind kind = SmiKind.of(key.kind()).orElseThrow();
            resources(kind, served.get(kind).getFirst()).inNamespace(key.namespace()).withName(key.name()).delete();
        }, failures));
        return failures;
    }

    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            resources(SmiKind kind, String version) {
        return client.genericKubernetesResources(MirrorCodec.context(kind, version));
    }

    private void create(MirrorObject object) {
        Resource<GenericKubernetesResource> resource = resources(SmiKind.of(object.key().kind()).orElseThrow(),
                MirrorCodec.version(object.apiVersion())).inNamespace(object.key().namespace())
                .resource(codec.write(object));
        switch (mode) {
            case CREATE_AND_PATCH -> resource.create();
            case SERVER_SIDE_APPLY -> resource.fieldManager(MirrorLabels.FIELD_MANAGER).forceConflicts()
                    .serverSideApply();
        }
    }

    private void update(MirrorPlan.Update update, String resourceVersion) {
        MirrorObject target = update.target();
        var resources = resources(SmiKind.of(target.key().kind()).orElseThrow(),
                MirrorCodec.version(target.apiVersion())).inNamespace(target.key().namespace());
        switch (mode) {
            case CREATE_AND_PATCH -> resources.withName(target.key().name()).patch(new PatchContext.Builder()
                    .withPatchType(PatchType.JSON).withFieldManager(MirrorLabels.FIELD_MANAGER).build(),
                    codec.patch(update.current(), target, resourceVersion));
            case SERVER_SIDE_APPLY -> resources.resource(codec.write(target)).fieldManager(MirrorLabels.FIELD_MANAGER)
                    .forceConflicts().serverSideApply();
        }
    }

    /** {@code HTTP <code> <the API server's message>}, for a notice. */
    static String describe(KubernetesClientException e) {
        return "HTTP " + e.getCode() + " " + Optional.ofNullable(e.getStatus()).map(s -> s.getMessage())
                .orElse(e.getClass().getSimpleName());
    }

    private static void run(ResourceKey key, String verb, Runnable call, List<Notice> failures) {
        try {
            call.run();
            LOG.info("mirror {} {}", verb, key);
        } catch (KubernetesClientException e) {
            failures.add(new Notice(key.toString(), verb + " failed: " + MirrorWriter.describe(e)));
        }
    }
}
