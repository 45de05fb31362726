package io.gitmesh.reconciler.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Fields left to another controller: carried over from the cluster, ignored when comparing. */
class MirrorFieldExclusionsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FieldExclusions WEIGHTS = FieldExclusions.PROGRESSIVE_DELIVERY;

    static Stream<Arguments> carryOvers() {
        return Stream.of(
                Arguments.of("weights come from the cluster",
                        "{'service':'web','backends':[{'service':'a','weight':90},{'service':'b','weight':10}]}",
                        "{'service':'web','backends':[{'service':'a','weight':0},{'service':'b','weight':100}]}",
                        "{'service':'web','backends':[{'service':'a','weight':0},{'service':'b','weight':100}]}"),
                Arguments.of("a backend new in git keeps its weight from git",
                        "{'backends':[{'service':'a','weight':90},{'service':'b','weight':10}]}",
                        "{'backends':[{'service':'a','weight':100}]}",
                        "{'backends':[{'service':'a','weight':100},{'service':'b','weight':10}]}"),
                Arguments.of("a backend gone from git is not brought back",
                        "{'backends':[{'service':'a','weight':100}]}",
                        "{'backends':[{'service':'a','weight':50},{'service':'b','weight':50}]}",
                        "{'backends':[{'service':'a','weight':50}]}"),
                Arguments.of("fields that are not excluded stay as in git",
                        "{'service':'web','backends':[{'service':'a','weight':1}]}",
                        "{'service':'other','backends':[{'service':'z','weight':2}]}",
                        "{'service':'web','backends':[{'service':'a','weight':2}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("carryOvers")
    void carriesTheClustersValuesOver(String name, String desired, String actual, String expected) {
        assertThat(WEIGHTS.carryOver("TrafficSplit", tree(desired), tree(actual))).isEqualTo(tree(expected));
    }

    @Test
    void stripsExcludedFieldsForComparisonKeepingArrayPositions() {
        assertThat(WEIGHTS.strip("TrafficSplit", tree("{'backends':[{'service':'a','weight':1},{'weight':2}]}")))
                .isEqualTo(tree("{'backends':[{'service':'a'},{}]}"));
        assertThat(WEIGHTS.strip("HTTPRouteGroup", tree("{'backends':[{'weight':1}]}")))
                .as("other kinds").isEqualTo(tree("{'backends':[{'weight':1}]}"));
    }

    @Test
    void pointersAreUnescapedAndWildcardsMatchObjectMembersToo() {
        FieldExclusions annotations = new FieldExclusions(Map.of("TCPRoute", List.of("/spec/a~1b/*/c~0d")));

        assertThat(annotations.strip("TCPRoute", tree("{'a/b':{'x':{'c~d':1,'e':2},'y':{'c~d':3}}}")))
                .isEqualTo(tree("{'a/b':{'x':{'e':2},'y':{}}}"));
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("a kind gitmesh does not mirror", "MeshConfig", "/spec/x", "not a kind gitmesh mirrors"),
                Arguments.of("a pointer outside spec", "TrafficSplit", "/metadata/labels", "must start with /spec/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void refusesSettingsItCannotHonour(String name, String kind, String pointer, String message) {
        assertThatThrownBy(() -> new FieldExclusions(Map.of(kind, List.of(pointer))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    private static JsonNode tree(String json) {
        return JSON.readTree(json.replace('\'', '"'));
    }
}
