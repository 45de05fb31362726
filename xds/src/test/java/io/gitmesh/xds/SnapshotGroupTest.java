package io.gitmesh.xds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotGroupTest {

    @Test
    void idNamesIdentityFlavourAndSortedDistinctPorts() {
        SnapshotGroup group = new SnapshotGroup("bookstore", "bookstore-v1", Flavour.ENVOY, List.of(9090, 8080, 9090));

        assertThat(group.ports()).containsExactly(8080, 9090);
        assertThat(group.id()).isEqualTo("bookstore/bookstore-v1/envoy/8080,9090");
        assertThat(SnapshotGroup.of("bookbuyer", "bookbuyer", Flavour.GRPC).id()).isEqualTo("bookbuyer/bookbuyer/grpc");
    }

    @Test
    void groupsWithTheSamePortsInAnotherOrderAreOne() {
        assertThat(new SnapshotGroup("a", "b", Flavour.GRPC, List.of(2, 1)))
                .isEqualTo(new SnapshotGroup("a", "b", Flavour.GRPC, List.of(1, 2)));
    }

    @Test
    void ordersExactlyAsTheIdsDo() {
        List<String> namespaces = List.of("a", "a-b", "a-bc", "a0", "ab", "b", "z9");
        List<String> accounts = List.of("a", "a-b", "a.b", "a.bc", "a0", "ab", "b");
        List<List<Integer>> portLists = List.of(List.of(), List.of(80), List.of(8080), List.of(80, 9090), List.of(9));
        List<SnapshotGroup> groups = new ArrayList<>();
        for (String namespace : namespaces) {
            for (String account : accounts) {
                for (Flavour flavour : Flavour.values()) {
                    portLists.forEach(ports -> groups.add(new SnapshotGroup(namespace, account, flavour, ports)));
                }
            }
        }

        for (SnapshotGroup a : groups) {
            for (SnapshotGroup b : groups) {
                assertThat(Integer.signum(a.compareTo(b))).as("%s against %s", a, b)
                        .isEqualTo(Integer.signum(a.id().compareTo(b.id())));
            }
        }
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("namespace with a slash", "a/b", "sa", List.of()),
                Arguments.of("empty namespace", "", "sa", List.of()),
                Arguments.of("upper-case service account", "ns", "SA", List.of()),
                Arguments.of("port 0", "ns", "sa", List.of(0)),
                Arguments.of("port above 65535", "ns", "sa", List.of(65_536)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsWhatIsNotAKubernetesNameOrPort(String name, String namespace, String serviceAccount,
            List<Integer> ports) {
        assertThatThrownBy(() -> new SnapshotGroup(namespace, serviceAccount, Flavour.ENVOY, ports))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
