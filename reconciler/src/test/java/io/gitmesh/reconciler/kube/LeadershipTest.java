package io.gitmesh.reconciler.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two replicas against one API server: one writes, the other only serves, and stopping the leader hands over. */
@EnableKubernetesMockClient(crud = true)
class LeadershipTest {
    KubernetesClient client;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Map<Leadership, String> replicas = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        replicas.keySet().forEach(Leadership::close);
        client.close();
    }

    @Test
    void oneReplicaLeadsAndStoppingItHandsOverWithinTheLeaseDuration() {
        Leadership a = replica("a");
        Leadership b = replica("b");

        await().atMost(Duration.ofSeconds(10)).until(() -> a.isLeader() || b.isLeader());
        Leadership leader = a.isLeader() ? a : b;
        Leadership follower = leader == a ? b : a;
        await().atMost(Duration.ofSeconds(5)).until(() -> follower.leader().isPresent());
        assertThat(follower.isLeader()).isFalse();
        assertThat(follower.leader()).contains(name(leader));

        long stoppedAt = System.nanoTime();
        leader.close();

        await().atMost(Duration.ofSeconds(5)).until(follower::isLeader);
        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(3));
        assertThat(log).containsExactly("start " + name(leader), "stop " + name(leader), "start " + name(follower));
    }

    @Test
    void refusesTimingsThatCannotWork() {
        assertThatThrownBy(() -> new Leadership.Settings("gitmesh-system", "gitmesh-leader", "a",
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renewDeadline < leaseDuration");
    }

    private Leadership replica(String name) {
        Leadership replica = new Leadership(client, new Leadership.Settings("gitmesh-system", "gitmesh-leader", name,
                Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200)),
                () -> log.add("start " + name), () -> log.add("stop " + name));
        replicas.put(replica, name);
        replica.start();
        return replica;
    }

    private String name(Leadership replica) {
        return replicas.get(replica);
    }
}
