package io.gitmesh.schema.check;

import io.gitmesh.schema.policy.HeaderMatch;
import io.gitmesh.schema.policy.HttpMatch;
import io.gitmesh.schema.policy.HttpRouteGroup;
import java.util.HashMap;
import java.util.Map;

/** HTTPRouteGroup rules: match names are unique, and every regex compiles under RE2 (Envoy's engine). */
final class RouteChecks {
    private RouteChecks() {
    }

    static void check(HttpRouteGroup group, Re2Syntax re2, Findings findings) {
        Map<String, HttpMatch> byName = new HashMap<>();
        for (HttpMatch match : group.matches()) {
            HttpMatch earlier = byName.putIfAbsent(match.name(), match);
            if (earlier != null) {
                findings.error(match.pointer() + "/name", "match name \"" + match.name()
                        + "\" is used twice in this HTTPRouteGroup (first at line "
                        + group.origin().at(earlier.pointer()).line() + "); TrafficTargets could not tell them apart");
            }
            if (match.pathRegex() != null) {
                regex(group, match.pointer() + "/pathRegex", "pathRegex", match.pathRegex(), re2, findings);
            }
            for (HeaderMatch header : match.headers()) {
                regex(group, header.pointer(), "header \"" + header.name() + "\"", header.valueRegex(), re2, findings);
            }
        }
    }

    private static void regex(HttpRouteGroup group, String pointer, String what, String regex, Re2Syntax re2,
            Findings findings) {
        re2.problem(regex).ifPresent(problem -> findings.error(pointer, what + " \"" + regex
                + "\" is not a valid RE2 regular expression, which Envoy requires: " + problem
                + " (RE2 has no lookaround or backreferences)"));
    }
}
