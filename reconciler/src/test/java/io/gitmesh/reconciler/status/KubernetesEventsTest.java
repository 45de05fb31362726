package io.gitmesh.reconciler.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gitmesh.reconciler.kubetest.ApiCalls;
import io.gitmesh.reconciler.loop.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outcomes as events.k8s.io/v1 Events against fabric8's CRUD API server. */
@EnableKubernetesMockClient(crud = true)
class KubernetesEventsTest {
    private static final EventSettings SETTINGS = new EventSettings("gitmesh-system", "apps/v1", "Deployment",
            "gitmesh", "6c0d4c3e-0000-4000-8000-000000000001", "gitmesh-7d4f9-abcde");

    static KubernetesClient client;
    static KubernetesMockServer server;

    private KubernetesEvents events;

    @BeforeEach
    void start() {
        events = new KubernetesEvents(client, SETTINGS, Clock.fixed(Instant.parse("2026-03-01T10:00:00.123456Z"),
                ZoneOffset.UTC));
        events.start();
    }

    @AfterEach
    void stop() {
        events.close();
        client.events().v1().events().inAnyNamespace().delete();
    }

    @Test
    void anOutcomeBecomesAnEventAboutTheConfiguredObject() {
        pass(StatusFixtures.applied('a'));

        Event event = await().atMost(Duration.ofSeconds(10)).until(() -> only(), e -> e != null);
        assertThat(event.getReason()).isEqualTo("Applied");
        assertThat(event.getType()).isEqualTo("Normal");
        assertThat(event.getNote()).isEqualTo("applied commit aaaaaaa \"change a\"");
        assertThat(event.getAction()).isEqualTo("Reconcile");
        assertThat(event.getReportingController()).isEqualTo("gitmesh.io/reconciler");
        assertThat(event.getReportingInstance()).isEqualTo("gitmesh-7d4f9-abcde");
        assertThat(event.getEventTime().getTime()).isEqualTo("2026-03-01T10:00:00.123456Z");
        assertThat(event.getRegarding().getKind()).isEqualTo("Deployment");
        assertThat(event.getRegarding().getName()).isEqualTo("gitmesh");
        assertThat(event.getRegarding().getNamespace()).isEqualTo("gitmesh-system");
        assertThat(event.getRegarding().getUid()).isEqualTo("6c0d4c3e-0000-4000-8000-000000000001");
        assertThat(event.getSeries()).isNull();
    }

    @Test
    void theSameOutcomeForTheSameCommitIsOneEventWithACount() {
        pass(StatusFixtures.refused('b'));
        pass(StatusFixtures.refused('b'));
        pass(StatusFixtures.refused('b'));
        pass(new Outcome.Unchanged(StatusFixtures.commit('b')));

        await().atMost(Duration.ofSeconds(10)).until(() -> only() != null && only().getSeries() != null
                && only().getSeries().getCount() == 3);
        assertThat(list()).singleElement().satisfies(e -> assertThat(e.getReason()).isEqualTo("Refused"));

        pass(StatusFixtures.refused('c'));
        pass(StatusFixtures.fetchFailed());
        await().atMost(Duration.ofSeconds(10)).until(() -> list().size() == 3);
        assertThat(list()).extracting(Event::getReason).containsExactlyInAnyOrder("Refused", "Refused", "FetchFailed");
    }

    @Test
    void makesOnlyTheApiCallsItsRoleAllows() throws InterruptedException {
        ApiCalls.drain(server);
        pass(StatusFixtures.refused('b'));
        pass(StatusFixtures.refused('b'));
        await().atMost(Duration.ofSeconds(10)).until(() -> only() != null && only().getSeries() != null);

        assertThat(ApiCalls.drainCalls(server)).containsExactly(
                "create events.k8s.io events gitmesh-system",
                "get events.k8s.io events gitmesh-system",
                "list events.k8s.io events gitmesh-system", // the test's own
                "update events.k8s.io events gitmesh-system");
    }

    @Test
    void anInactiveWriterRecordsNothingAndOnStartTheLatestOutcomeItWasTold() {
        events.stop();
        pass(StatusFixtures.applied('a'));
        pass(StatusFixtures.applied('d'));

        // asserted: 300 ms without an event; 10 s only bounds the wait (a loaded mock API server answers slowly)
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> list().isEmpty());
        events.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> only() != null);
        assertThat(only().getNote()).contains("ddddddd");
    }

    private void pass(Outcome outcome) {
        events.passed(outcome, Optional.empty());
    }

    private static List<Event> list() {
        return client.events().v1().events().inNamespace("gitmesh-system").list().getItems();
    }

    private static Event only() {
        List<Event> all = list();
        return all.size() == 1 ? all.getFirst() : null;
    }
}
