package io.gitmesh.schema.normalize;

import io.gitmesh.schema.policy.HeaderMatch;
import io.gitmesh.schema.policy.HttpMatch;
import io.gitmesh.schema.policy.HttpRouteGroup;
import io.gitmesh.schema.policy.Meta;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * specs.smi-spec.io HTTPRouteGroup: {@code matches} at the top level in v1alpha1/v1alpha2, under
 * {@code spec} from v1alpha3. Headers come in two forms, both read: a list of single-key maps
 * (smi-sdk-go, OSM and its demo) and a plain map (the spec text).
 */
final class HttpRouteGroupReader {
    private HttpRouteGroupReader() {
    }

    static HttpRouteGroup read(FieldReader fields, Meta meta, String version) {
        boolean topLevel = version.equals("v1alpha1") || version.equals("v1alpha2");
        Located body = topLevel ? fields.root() : fields.requiredObject(fields.root().child("spec"));
        List<HttpMatch> matches = fields.list(body.child("matches")).stream()
                .map(match -> match(fields, fields.object(match)))
                .toList();
        return new HttpRouteGroup(meta, matches);
    }

    private static HttpMatch match(FieldReader fields, Located match) {
        return new HttpMatch(fields.requiredString(match.child("name")),
                fields.string(match.child("pathRegex")).orElse(null),
                fields.strings(match.child("methods")),
                headers(fields, match.child("headers")),
                match.pointer());
    }

    /** Header conditions in written order, each with the pointer of its own key. */
    private static List<HeaderMatch> headers(FieldReader fields, Located headers) {
        List<HeaderMatch> result = new ArrayList<>();
        if (headers.node().isArray()) {
            for (Located item : headers.items()) {
                if (!item.node().isObject() || item.node().size() != 1) {
                    fields.error(item, item.field() + " must be a mapping with exactly one header name and its"
                            + " regex (e.g. user-agent: \".*Firefox.*\"), not " + describeItem(item));
                    continue;
                }
                item.children().forEach(header -> header(fields, header).ifPresent(result::add));
            }
        } else {
            fields.object(headers).children().forEach(header -> header(fields, header).ifPresent(result::add));
        }
        return result;
    }

    private static Optional<HeaderMatch> header(FieldReader fields, Located header) {
        if (!header.node().isString()) {
            fields.notAString(header);
            return Optional.empty();
        }
        return Optional.of(new HeaderMatch(header.key(), header.node().asString(), header.pointer()));
    }

    private static String describeItem(Located item) {
        return item.node().isObject() ? "a mapping with " + item.node().size() + " keys" : item.describe();
    }
}
