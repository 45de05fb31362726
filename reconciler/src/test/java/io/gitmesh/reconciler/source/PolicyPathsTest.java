package io.gitmesh.reconciler.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyPathsTest {

    static Stream<Arguments> files() {
        PolicyPaths mesh = PolicyPaths.of("mesh");
        PolicyPaths dotRoot = PolicyPaths.of(".gitmesh/policy");
        return Stream.of(
                arguments("whole tree: top-level file", PolicyPaths.WHOLE_TREE, "a.yaml", true),
                arguments("whole tree: nested file", PolicyPaths.WHOLE_TREE, "x/y/a.yaml", true),
                arguments("whole tree: dot-folder skipped", PolicyPaths.WHOLE_TREE, ".github/ci.yaml", false),
                arguments("whole tree: nested dot-folder skipped", PolicyPaths.WHOLE_TREE, "x/.drafts/a.yaml", false),
                arguments("whole tree: dot-file itself is read", PolicyPaths.WHOLE_TREE, "x/.a.yaml", true),
                arguments("root: inside", mesh, "mesh/a.yaml", true),
                arguments("root: outside", mesh, "other/a.yaml", false),
                arguments("root: same prefix, other folder", mesh, "meshes/a.yaml", false),
                arguments("root: dot-folder below", mesh, "mesh/.drafts/a.yaml", false),
                arguments("dot root: inside", dotRoot, ".gitmesh/policy/a.yaml", true),
                arguments("dot root: sibling", dotRoot, ".gitmesh/other/a.yaml", false),
                arguments("dot root: dot-folder below", dotRoot, ".gitmesh/policy/.x/a.yaml", false),
                arguments("file root", PolicyPaths.of("mesh/a.yaml"), "mesh/a.yaml", true),
                arguments("file root: neighbour", PolicyPaths.of("mesh/a.yaml"), "mesh/b.yaml", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void includesFilesUnderTheRootsOutsideDotFolders(String name, PolicyPaths paths, String file, boolean included) {
        assertThat(paths.includes(file)).isEqualTo(included);
    }

    @Test
    void entersTheDirectoriesOnTheWayToARoot() {
        PolicyPaths paths = PolicyPaths.of(".config/mesh/policy");
        assertThat(paths.entersDirectory(".config")).isTrue();
        assertThat(paths.entersDirectory(".config/mesh")).isTrue();
        assertThat(paths.entersDirectory(".config/mesh/policy")).isTrue();
        assertThat(paths.entersDirectory(".config/mesh/policy/.old")).isFalse();
        assertThat(paths.entersDirectory(".config/other")).isFalse();
    }

    @Test
    void normalisesSortsAndDeduplicates() {
        assertThat(PolicyPaths.of("./mesh/", "access", "mesh").roots()).containsExactly("access", "mesh");
        assertThat(PolicyPaths.of(List.of()).isWholeTree()).isTrue();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("empty", "", "empty policy path"),
                arguments("dot", ".", "empty policy path"),
                arguments("absolute", "/etc", "must be relative"),
                arguments("backslash", "a\\b", "must be relative"),
                arguments("parent", "mesh/../..", "has an empty, . or .. segment"),
                arguments("double slash", "a//b", "has an empty, . or .. segment"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsPathsThatLeaveTheRepository(String name, String root, String message) {
        assertThatThrownBy(() -> PolicyPaths.of(root)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
