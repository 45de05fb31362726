package io.gitmesh.app.run;

import io.gitmesh.ca.rotation.RootRotation;
import io.gitmesh.reconciler.loop.Outcome;
import io.gitmesh.reconciler.loop.ReconcileStatus;
import io.gitmesh.reconciler.mirror.MirrorStatus;
import io.gitmesh.reconciler.source.Commit;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.xds.server.ProxyStatus;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code /status} document: the repository (last fetched and last applied commit, the outcome of
 * the last pass and its diagnostics with file:line), overrides that could not be applied, with mTLS the
 * CA's roots and the stage of a root rotation, and the connected proxies with their ACKed versions and
 * last NACK per type (docs/cli-json.md).
 */
final class StatusJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StatusJson() {
    }

    /** With {@code --cluster kube}: this replica's part in the leader election, and the cluster mirror's state. */
    record Kubernetes(boolean leading, Optional<String> leader, MirrorStatus mirror) {
    }

    static String render(ReconcileStatus status, List<Diagnostic> overrideDiagnostics, List<ProxyStatus> proxies,
            Optional<Kubernetes> kubernetes, Optional<RootRotationDriver.Status> ca) {
        ObjectNode root = JSON.createObjectNode();
        root.put("ready", status.ready());
        ObjectNode repository = root.putObject("repository");
        commit(repository, "lastFetched", status.lastFetched());
        commit(repository, "lastApplied", status.lastApplied());
        repository.put("lastAttemptAt", status.lastAttemptAt().map(Object::toString).orElse(null));
        repository.put("outcome", status.lastOutcome().map(Outcome::word).orElse("none"));
        status.lastOutcome().filter(Outcome.SourceFailed.class::isInstance).map(Outcome.SourceFailed.class::cast)
                .ifPresent(f -> repository.put("sourceError", f.message()));
        repository.put("historyRewritten", status.historyRewritten());
        repository.put("passes", status.passes());
        repository.set("diagnostics", diagnostics(status.diagnostics()));
        root.set("overrides", diagnostics(overrideDiagnostics));
        kubernetes.ifPresent(kube -> {
            ObjectNode cluster = root.putObject("kubernetes");
            cluster.put("leading", kube.leading());
            cluster.put("leader", kube.leader().orElse(null));
            ObjectNode mirror = cluster.putObject("mirror");
            mirror.put("active", kube.mirror().active());
            mirror.put("writtenCommit", kube.mirror().writtenCommit().isEmpty() ? null : kube.mirror().writtenCommit());
            ArrayNode drift = mirror.putArray("drift");
            kube.mirror().drift().forEach(d -> drift.add(d.describe()));
            ArrayNode notices = mirror.putArray("notices");
            kube.mirror().notices().forEach(n -> notices.add(n.toString()));
        });
        ca.ifPresent(rotation -> ca(root.putObject("ca"), rotation));
        ArrayNode list = root.putArray("proxies");
        for (ProxyStatus proxy : proxies) {
            ObjectNode p = list.addObject();
            p.put("node", proxy.nodeId());
            p.put("group", proxy.group() == null ? null : proxy.group().id());
            p.put("connectedAt", proxy.connectedAt().toString());
            ObjectNode types = p.putObject("types");
            for (ResourceType type : ResourceType.values()) {
                ObjectNode t = JSON.createObjectNode();
                proxy.ackedVersion(type).ifPresent(v -> t.put("acked", v));
                proxy.lastNack(type).ifPresent(n -> t.put("nack", n.message()).put("nackedVersion", n.version()));
                if (!t.isEmpty()) {
                    types.set(type.name().toLowerCase(java.util.Locale.ROOT), t);
                }
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** The roots peers trust now, the one that signs, and where a root rotation stands. */
    private static void ca(ObjectNode ca, RootRotationDriver.Status status) {
        RootRotation rotation = status.rotation();
        ArrayNode roots = ca.putArray("roots");
        rotation.bundle().forEach(fingerprint -> roots.add(fingerprint.toString()));
        ca.put("signingRoot", rotation.signingRoot().toString());
        ObjectNode stage = ca.putObject("rotation");
        stage.put("stage", rotation.stage().label());
        stage.put("description", rotation.describe());
        stage.put("oldRoot", rotation.oldRoot().toString());
        stage.put("newRoot", rotation.newRoot().map(Object::toString).orElse(null));
        stage.put("waiting", status.waiting().orElse(null));
        stage.put("movesOn", status.movesOn());
    }

    private static void commit(ObjectNode parent, String name, Optional<Commit> commit) {
        if (commit.isEmpty()) {
            parent.putNull(name);
            return;
        }
        ObjectNode c = parent.putObject(name);
        c.put("id", commit.get().id().hex());
        c.put("author", commit.get().author());
        c.put("time", commit.get().time().toString());
        c.put("summary", commit.get().summary());
    }

    private static ArrayNode diagnostics(List<Diagnostic> diagnostics) {
        ArrayNode array = JSON.createArrayNode();
        diagnostics.forEach(d -> array.add(d.toText()));
        return array;
    }
}
