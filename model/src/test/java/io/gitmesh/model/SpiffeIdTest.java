package io.gitmesh.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpiffeIdTest {

    @Test
    void formatsTheWorkloadPathOfAnIdentity() {
        SpiffeId id = new Identity("bookstore", "bookstore-v1").spiffeId("cluster.local");

        assertThat(id.uri()).isEqualTo("spiffe://cluster.local/ns/bookstore/sa/bookstore-v1");
        assertThat(id).hasToString(id.uri());
        assertThat(id.identity()).isEqualTo(new Identity("bookstore", "bookstore-v1"));
    }

    @Test
    void parsesWhatItFormats() {
        SpiffeId id = new SpiffeId("example.org", "ns-1", "sa_1.x");

        assertThat(SpiffeId.parse(id.uri())).contains(id);
    }

    static Stream<Arguments> notWorkloadIds() {
        return Stream.of(
                arguments("another scheme", "https://cluster.local/ns/a/sa/b"),
                arguments("uppercase trust domain", "spiffe://Cluster.local/ns/a/sa/b"),
                arguments("empty trust domain", "spiffe:///ns/a/sa/b"),
                arguments("trust domain with a port", "spiffe://cluster.local:8443/ns/a/sa/b"),
                arguments("trust domain with user info", "spiffe://me@cluster.local/ns/a/sa/b"),
                arguments("no path", "spiffe://cluster.local"),
                arguments("no service account", "spiffe://cluster.local/ns/a"),
                arguments("path of another shape", "spiffe://cluster.local/sa/b/ns/a"),
                arguments("extra segment", "spiffe://cluster.local/ns/a/sa/b/c"),
                arguments("trailing slash", "spiffe://cluster.local/ns/a/sa/b/"),
                arguments("empty namespace", "spiffe://cluster.local/ns//sa/b"),
                arguments("dot-dot segment", "spiffe://cluster.local/ns/../sa/b"),
                arguments("query", "spiffe://cluster.local/ns/a/sa/b?x=1"),
                arguments("fragment", "spiffe://cluster.local/ns/a/sa/b#x"),
                arguments("percent-encoding", "spiffe://cluster.local/ns/a%2F/sa/b"),
                arguments("longer than 2048 characters", "spiffe://cluster.local/ns/a/sa/" + "b".repeat(2048)),
                arguments("null", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notWorkloadIds")
    void parseRefuses(String name, String uri) {
        assertThat(SpiffeId.parse(uri)).isEmpty();
    }

    @Test
    void refusesToBuildAnInvalidId() {
        assertThatThrownBy(() -> new SpiffeId("Bad_Domain", "a", "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a SPIFFE trust domain: \"Bad_Domain\"");
        assertThatThrownBy(() -> new SpiffeId("cluster.local", "..", "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace");
    }

    @Test
    void trustDomainsAreAtMost255Characters() {
        assertThat(SpiffeId.isValidTrustDomain("a".repeat(255))).isTrue();
        assertThat(SpiffeId.isValidTrustDomain("a".repeat(256))).isFalse();
        assertThat(SpiffeId.isValidTrustDomain("")).isFalse();
    }
}
