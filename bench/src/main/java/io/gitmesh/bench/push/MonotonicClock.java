package io.gitmesh.bench.push;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that ticks with {@link System#nanoTime()}: wall time read once, then only the monotonic
 * counter, so that differences between its instants are exact to the nanosecond and immune to clock
 * adjustments. Given to the xDS server so that its ACK times compare with the harness's own.
 */
final class MonotonicClock extends Clock {
    private final Instant origin = Instant.now();
    private final long originNanos = System.nanoTime();

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!zone.equals(ZoneOffset.UTC)) {
            throw new UnsupportedOperationException("a monotonic clock is in UTC only");
        }
        return this;
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(System.nanoTime() - originNanos);
    }
}
