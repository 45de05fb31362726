package io.gitmesh.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ValuesTest {
    private static final Function<Identity, String> NAME = Identity::serviceAccount;
    private static final Identity A = new Identity("ns", "a");
    private static final Identity B = new Identity("ns", "b");
    private static final Identity C = new Identity("ns", "c");

    @Test
    void aSortedSetIsSortedWithoutDuplicatesAndUnmodifiable() {
        List<Identity> set = Values.sortedSet(List.of(C, A, B, A));

        assertThat(set).containsExactly(A, B, C);
        assertThat(Values.sortedSet(set)).isSameAs(set);
        assertThat(set).isEqualTo(List.of(A, B, C)).hasSameHashCodeAs(List.of(A, B, C));
        assertThatThrownBy(() -> set.add(A)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aKeyedMapIsInKeyOrderAndChecksThatEachValueIsFiledUnderItsKey() {
        SortedMap<String, Identity> map = Values.keyedBy(Map.of("c", C, "a", A), NAME, "identity");

        assertThat(map.keySet()).containsExactly("a", "c");
        assertThat(map).isEqualTo(Map.of("a", A, "c", C));
        assertThat(map.comparator()).isNull();
        assertThatThrownBy(() -> Values.keyedBy(Map.of("a", B), NAME, "identity"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inconsistent identity: b filed under a");
        assertThatThrownBy(() -> map.put("b", B)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aKeyedMapIsTakenAsItIsByTheSameKeyAndCheckedAgainByAnother() {
        SortedMap<String, Identity> map = Values.keyedBy(Map.of("a", A), NAME, "identity");

        assertThat(Values.keyedBy(map, NAME, "identity")).isSameAs(map);
        assertThatThrownBy(() -> Values.keyedBy(map, Identity::namespace, "identity"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inconsistent identity: ns filed under a");
    }

    @Test
    void aKeyedMapWithChangesSharesTheRestAndLeavesTheOriginalAsItWas() {
        SortedMap<String, Identity> map = Values.keyedBy(Map.of("a", A, "b", B), NAME, "identity");

        SortedMap<String, Identity> changed = Values.keyedWith(map, List.of(C), List.of("a"));

        assertThat(changed).isEqualTo(Map.of("b", B, "c", C));
        assertThat(changed.keySet()).containsExactly("b", "c");
        assertThat(map).isEqualTo(Map.of("a", A, "b", B));
        assertThat(Values.keyedBy(changed, NAME, "identity")).isSameAs(changed);
        assertThat(changed.headMap("c")).isEqualTo(Map.of("b", B));
        assertThat(changed.firstKey()).isEqualTo("b");
        assertThat(changed.lastKey()).isEqualTo("c");
    }

    @Test
    void onlyAKeyedMapTakesChanges() {
        assertThatThrownBy(() -> Values.keyedWith(new TreeMap<>(Map.of("a", A)), List.of(B), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a map made by Values.keyedBy");
    }

    @Test
    void sameInstancesAreTheVerySameObjectsInOrderNotEqualOnes() {
        Identity equalToA = new Identity("ns", "a");

        assertThat(Values.sameInstances(List.of(A, B), List.of(A, B))).isTrue();
        assertThat(Values.sameInstances(List.of(A, B), List.of(equalToA, B))).isFalse();
        assertThat(Values.sameInstances(List.of(A, B), List.of(B, A))).isFalse();
        assertThat(Values.sameInstances(List.of(A), List.of(A, B))).isFalse();
    }
}
