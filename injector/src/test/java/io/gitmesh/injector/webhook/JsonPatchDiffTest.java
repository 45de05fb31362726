package io.gitmesh.injector.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitmesh.injector.KubernetesJson;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Each case's patch is checked twice: its exact operations, and that Parsson applying it gives the target. */
class JsonPatchDiffTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("equal documents", "{\"a\":[1,{\"b\":null}]}", "{\"a\":[1,{\"b\":null}]}", "[]"),
                arguments("a member added, one removed, one replaced",
                        "{\"a\":1,\"b\":2,\"c\":{\"d\":3}}", "{\"a\":1,\"c\":{\"d\":4},\"e\":[5]}",
                        "[{\"op\":\"remove\",\"path\":\"/b\"},{\"op\":\"replace\",\"path\":\"/c/d\",\"value\":4},"
                                + "{\"op\":\"add\",\"path\":\"/e\",\"value\":[5]}]"),
                arguments("keys with / and ~ are escaped",
                        "{\"metadata\":{\"annotations\":{\"a~b\":\"1\"}}}",
                        "{\"metadata\":{\"annotations\":{\"a~b\":\"2\",\"gitmesh.io/injected\":\"native\"}}}",
                        "[{\"op\":\"replace\",\"path\":\"/metadata/annotations/a~0b\",\"value\":\"2\"},"
                                + "{\"op\":\"add\",\"path\":\"/metadata/annotations/gitmesh.io~1injected\","
                                + "\"value\":\"native\"}]"),
                arguments("a type change is a replacement", "{\"a\":{\"b\":1}}", "{\"a\":[1]}",
                        "[{\"op\":\"replace\",\"path\":\"/a\",\"value\":[1]}]"),
                arguments("the whole document replaced", "[1]", "{\"a\":1}",
                        "[{\"op\":\"replace\",\"path\":\"\",\"value\":{\"a\":1}}]"),
                arguments("named elements: one inserted first, one edited",
                        "{\"c\":[{\"name\":\"app\",\"port\":1}]}",
                        "{\"c\":[{\"name\":\"proxy\"},{\"name\":\"app\",\"port\":2}]}",
                        "[{\"op\":\"add\",\"path\":\"/c/0\",\"value\":{\"name\":\"proxy\"}},"
                                + "{\"op\":\"replace\",\"path\":\"/c/1/port\",\"value\":2}]"),
                arguments("named elements: inserted in the middle, one removed",
                        "{\"c\":[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"}]}",
                        "{\"c\":[{\"name\":\"a\"},{\"name\":\"x\"},{\"name\":\"c\"}]}",
                        "[{\"op\":\"remove\",\"path\":\"/c/1\"},"
                                + "{\"op\":\"add\",\"path\":\"/c/1\",\"value\":{\"name\":\"x\"}}]"),
                arguments("named elements reordered: fall back to positions",
                        "{\"c\":[{\"name\":\"a\"},{\"name\":\"b\"}]}", "{\"c\":[{\"name\":\"b\"},{\"name\":\"a\"}]}",
                        "[{\"op\":\"replace\",\"path\":\"/c/0/name\",\"value\":\"b\"},"
                                + "{\"op\":\"replace\",\"path\":\"/c/1/name\",\"value\":\"a\"}]"),
                arguments("into an empty array", "{\"v\":[]}", "{\"v\":[{\"name\":\"x\"},{\"name\":\"y\"}]}",
                        "[{\"op\":\"add\",\"path\":\"/v/0\",\"value\":{\"name\":\"x\"}},"
                                + "{\"op\":\"add\",\"path\":\"/v/1\",\"value\":{\"name\":\"y\"}}]"),
                arguments("plain arrays: an element inserted between a kept head and tail", "[1,2,3]", "[1,2,9,8,3]",
                        "[{\"op\":\"add\",\"path\":\"/2\",\"value\":9},{\"op\":\"add\",\"path\":\"/3\",\"value\":8}]"),
                arguments("plain arrays: a shorter middle is removed and added",
                        "[\"a\",\"b\",\"c\",\"d\"]", "[\"a\",\"x\",\"d\"]",
                        "[{\"op\":\"remove\",\"path\":\"/2\"},{\"op\":\"remove\",\"path\":\"/1\"},"
                                + "{\"op\":\"add\",\"path\":\"/1\",\"value\":\"x\"}]"),
                arguments("plain arrays of the same length are compared in place", "[[1],[2,5]]", "[[1],[3,5]]",
                        "[{\"op\":\"replace\",\"path\":\"/1/0\",\"value\":3}]"),
                arguments("duplicate names are not keys", "[{\"name\":\"a\",\"v\":1},{\"name\":\"a\",\"v\":2}]",
                        "[{\"name\":\"a\",\"v\":1}]", "[{\"op\":\"remove\",\"path\":\"/1\"}]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void patchesOneDocumentIntoTheOther(String name, String from, String to, String expectedPatch) {
        JsonNode source = KubernetesJson.MAPPER.readTree(from);
        JsonNode target = KubernetesJson.MAPPER.readTree(to);

        JsonNode patch = JsonPatchDiff.diff(source, target);

        assertThat(patch).isEqualTo(KubernetesJson.MAPPER.readTree(expectedPatch));
        assertThat(JsonPatches.apply(source, patch)).isEqualTo(target);
    }
}
