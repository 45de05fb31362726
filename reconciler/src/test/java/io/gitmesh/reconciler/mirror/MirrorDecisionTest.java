package io.gitmesh.reconciler.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitmesh.reconciler.mirror.MirrorSettings.DriftMode;
import io.gitmesh.schema.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** The mirror's decision, desired and actual in, plan out: one row per situation. */
class MirrorDecisionTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NEW = "b".repeat(40);
    private static final String OLD = "a".repeat(40);
    private static final MirrorSettings CORRECT = MirrorSettings.DEFAULTS;
    private static final MirrorSettings WARN = MirrorSettings.DEFAULTS.withDrift(DriftMode.WARN);

    private static final MirrorObject SPLIT = split(NEW, 90, 10);
    private static final MirrorObject ROUTES = routes(NEW, "/items");

    static Stream<Arguments> situations() {
        return Stream.of(
                row("a new object is created", CORRECT, List.of(SPLIT), List.of(), "",
                        "create TrafficSplit/shop/web"),
                row("an object as in git is left alone", CORRECT, List.of(SPLIT), List.of(SPLIT), NEW),
                row("git moved: an object of an older commit is updated, not drift", CORRECT, List.of(ROUTES),
                        List.of(routes(OLD, "/old")), OLD, "update HTTPRouteGroup/shop/routes"),
                row("changed in the cluster, correct: put back", CORRECT, List.of(ROUTES),
                        List.of(routes(NEW, ".*")), NEW, "update HTTPRouteGroup/shop/routes",
                        "drift CHANGED HTTPRouteGroup/shop/routes [/spec/matches/0/pathRegex] corrected"),
                row("changed in the cluster, warn: reported only", WARN, List.of(ROUTES),
                        List.of(routes(NEW, ".*")), NEW,
                        "drift CHANGED HTTPRouteGroup/shop/routes [/spec/matches/0/pathRegex] reported"),
                row("ownership label removed, correct: put back", CORRECT, List.of(ROUTES),
                        List.of(withoutLabel(ROUTES, MirrorLabels.MANAGED_BY)), NEW,
                        "update HTTPRouteGroup/shop/routes",
                        "drift LABEL_REMOVED HTTPRouteGroup/shop/routes "
                                + "[/metadata/labels/app.kubernetes.io~1managed-by] corrected"),
                row("deleted in the cluster after gitmesh wrote it, correct: created again", CORRECT,
                        List.of(SPLIT), List.of(), NEW, "create TrafficSplit/shop/web",
                        "drift DELETED TrafficSplit/shop/web [] corrected"),
                row("deleted in the cluster, warn: reported only", WARN, List.of(SPLIT), List.of(), NEW,
                        "drift DELETED TrafficSplit/shop/web [] reported"),
                row("missing before this commit was written: created, not drift", CORRECT, List.of(SPLIT),
                        List.of(), OLD, "create TrafficSplit/shop/web"),
                row("an owned object no longer in git is pruned", CORRECT, List.of(ROUTES),
                        List.of(ROUTES, split(OLD, 50, 50)), NEW, "delete TrafficSplit/shop/web"),
                row("an object gitmesh never wrote, with a key git wants, is left alone", CORRECT, List.of(SPLIT),
                        List.of(foreign(SPLIT)), NEW, "notice TrafficSplit/shop/web: exists in the cluster and is "
                                + "not managed by gitmesh"),
                row("an object gitmesh never wrote is not pruned", CORRECT, List.of(ROUTES),
                        List.of(ROUTES, foreign(SPLIT)), NEW),
                row("a label another tool added is not drift", CORRECT, List.of(ROUTES),
                        List.of(withLabel(ROUTES, "argocd.argoproj.io/instance", "x")), NEW),
                row("an excluded weight changed in the cluster is not drift", CORRECT, List.of(SPLIT),
                        List.of(split(NEW, 40, 60)), NEW),
                row("git moved: the update keeps the cluster's excluded weights", CORRECT,
                        List.of(withLabel(SPLIT, "team", "shop")), List.of(split(OLD, 40, 60)), OLD,
                        "update TrafficSplit/shop/web weights [40, 60]"),
                row("without exclusions a weight changed in the cluster is drift", CORRECT.withExclusions(
                        FieldExclusions.NONE), List.of(SPLIT), List.of(split(NEW, 40, 60)), NEW,
                        "update TrafficSplit/shop/web weights [90, 10]",
                        "drift CHANGED TrafficSplit/shop/web [/spec/backends/0/weight, /spec/backends/1/weight]"
                                + " corrected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("situations")
    void decides(String name, MirrorSettings settings, List<MirrorObject> desired, List<MirrorObject> actual,
            String written, List<String> expected) {
        MirrorPlan plan = new MirrorDecision(settings).decide(new DesiredState(NEW, desired, Set.of(), List.of()),
                actual, written);

        assertThat(describe(plan)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> prunes() {
        MirrorObject owned = split(OLD, 50, 50);
        return Stream.of(
                Arguments.of("an empty revision prunes nothing by default", CORRECT, Set.of(), List.of(
                        "notice commit " + NEW + ": refusing to prune all 1 SMI objects gitmesh manages, "
                                + "as the revision has no SMI documents")),
                Arguments.of("an empty revision prunes everything when allowed", CORRECT.withPruneWhenEmpty(true),
                        Set.of(), List.of("delete TrafficSplit/shop/web")),
                Arguments.of("a held object (not mirrorable) is kept", CORRECT, Set.of(owned.key()), List.of()))
                .map(a -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], owned, a.get()[3]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prunes")
    void prunesOnlyWhatItMay(String name, MirrorSettings settings, Set<ResourceKey> held, MirrorObject owned,
            List<String> expected) {
        MirrorPlan plan = new MirrorDecision(settings).decide(new DesiredState(NEW, List.of(), held, List.of()),
                List.of(owned), OLD);

        assertThat(describe(plan)).containsExactlyElementsOf(expected);
    }

    private static Arguments row(String name, MirrorSettings settings, List<MirrorObject> desired,
            List<MirrorObject> actual, String written, String... expected) {
        return Arguments.of(name, settings, desired, actual, written, List.of(expected));
    }

    /** The plan as short lines; notices cut after their first clause, weights shown for splits. */
    private static List<String> describe(MirrorPlan plan) {
        List<String> lines = new ArrayList<>();
        plan.creates().forEach(o -> lines.add("create " + o.key()));
        plan.updates().forEach(u -> lines.add("update " + u.target().key() + (u.target().key().kind()
                .equals("TrafficSplit") ? " weights " + u.target().spec().get("backends").findValuesAsString("weight")
                : "")));
        plan.deletes().forEach(k -> lines.add("delete " + k));
        plan.drift().forEach(d -> lines.add("drift " + d.change() + " " + d.key() + " " + d.fields() + " "
                + (d.corrected() ? "corrected" : "reported")));
        plan.notices().forEach(n -> lines.add("notice " + n.subject() + ": " + n.message().split("[;(]")[0].strip()));
        return lines;
    }

    private static MirrorObject split(String commit, int primary, int canary) {
        return object("TrafficSplit", "web", "split.smi-spec.io/v1alpha4", commit, """
                {"service": "web", "backends": [{"service": "web-v1", "weight": %d},
                                                {"service": "web-v2", "weight": %d}]}
                """.formatted(primary, canary));
    }

    private static MirrorObject routes(String commit, String path) {
        return object("HTTPRouteGroup", "routes", "specs.smi-spec.io/v1alpha4", commit, """
                {"matches": [{"name": "read", "pathRegex": "%s", "methods": ["GET"]}]}
                """.formatted(path));
    }

    private static MirrorObject object(String kind, String name, String apiVersion, String commit, String spec) {
        return new MirrorObject(new ResourceKey(kind, "shop", name), apiVersion,
                Map.of(MirrorLabels.MANAGED_BY, MirrorLabels.MANAGED_BY_VALUE),
                Map.of(MirrorLabels.SOURCE_COMMIT, commit, MirrorLabels.SOURCE_FILE, "policy/x.yaml:1"),
                JSON.readTree(spec));
    }

    private static MirrorObject withLabel(MirrorObject object, String label, String value) {
        Map<String, String> labels = new TreeMap<>(object.labels());
        labels.put(label, value);
        return new MirrorObject(object.key(), object.apiVersion(), labels, object.annotations(), object.spec());
    }

    private static MirrorObject withoutLabel(MirrorObject object, String label) {
        Map<String, String> labels = new TreeMap<>(object.labels());
        labels.remove(label);
        return new MirrorObject(object.key(), object.apiVersion(), labels, object.annotations(), object.spec());
    }

    private static MirrorObject foreign(MirrorObject object) {
        return new MirrorObject(object.key(), object.apiVersion(), Map.of(), Map.of(), object.spec());
    }
}
