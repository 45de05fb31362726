package io.gitmesh.bench.push;

import java.time.Duration;

/**
 * One change pushed: how long the pipeline took before {@code publish()}, what changed, and how fast it
 * reached the proxies.
 *
 * @param change          what was changed in the repository
 * @param compileMillis   re-reading the changed files and compiling the mesh
 * @param translateMillis translating every group (all of them: translation is not incremental)
 * @param groups          groups whose config changed
 * @param streams         streams in those groups
 * @param applied         from {@code publish()} until the server had applied the new state
 * @param acks            per affected stream, from {@code publish()} to its last ACK of the new versions
 * @param received        what the load client's streams received meanwhile, affected or not
 * @param serverCpu       CPU the server process used from {@code publish()} to the last ACK
 */
record Round(String change, long compileMillis, long translateMillis, int groups, int streams, Duration applied,
        Latencies acks, LoadClientProcess.Received received, Duration serverCpu) {

    @Override
    public String toString() {
        return ("%s: compile %d ms, translate %d ms; %d groups changed (%d streams); applied in %s; ACKed %s;"
                + " %d streams received %d responses (%d closed); server CPU %s").formatted(change, compileMillis,
                translateMillis, groups, streams, Latencies.millis(applied), acks, received.streams(),
                received.responses(), received.closed(), Latencies.millis(serverCpu));
    }
}
