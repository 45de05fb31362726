package io.gitmesh.schema.jsonschema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InstancePathTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void writesPointersForToolsAndDottedPathsForPeople(String name, List<Object> tokens, String pointer,
            String dotted) {
        InstancePath path = new InstancePath(tokens);

        assertThat(path.pointer()).isEqualTo(pointer);
        assertThat(path.dotted()).isEqualTo(dotted);
    }

    static Stream<Arguments> writesPointersForToolsAndDottedPathsForPeople() {
        return Stream.of(
                arguments("the document", List.of(), "", ""),
                arguments("fields and indexes", List.of("spec", "backends", 0, "weight"),
                        "/spec/backends/0/weight", "spec.backends[0].weight"),
                arguments("header names with dashes", List.of("spec", "matches", 1, "headers", "x-user-id"),
                        "/spec/matches/1/headers/x-user-id", "spec.matches[1].headers.x-user-id"),
                arguments("label keys with dots and slashes", List.of("metadata", "labels", "app.kubernetes.io/name"),
                        "/metadata/labels/app.kubernetes.io~1name", "metadata.labels[\"app.kubernetes.io/name\"]"),
                arguments("keys with quotes and tildes", List.of("a~b", "say \"hi\""),
                        "/a~0b/say \"hi\"", "[\"a~b\"][\"say \\\"hi\\\"\"]"));
    }
}
