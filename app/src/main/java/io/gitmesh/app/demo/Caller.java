package io.gitmesh.app.demo;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A client workload calling at a steady rate ({@link Plan}) through its proxyless channel, each
 * outcome to the recorder. A caller with a way around the mesh (bookthief)
 * takes it whenever the mesh gives it no route (its channel is not ready, or a call through it is
 * {@code UNAVAILABLE}): it calls a bookstore pod directly, where the pod's RBAC decides. At most
 * {@value #IN_FLIGHT} calls are in flight; when they are all waiting, the loop skips its turn instead
 * of queueing calls up.
 */
final class Caller implements AutoCloseable {
    private static final int IN_FLIGHT = 32;
    private static final long DEADLINE_MILLIS = 2_000;
    private static final long MAX_LAG_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String name;
    private final MethodDescriptor<StringValue, StringValue> method;
    private final ManagedChannel channel;
    private final Optional<Channel> aroundTheMesh;
    private final long periodNanos;
    private final TrafficRecorder recorder;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final Thread loop;
    private volatile boolean stopped;

    /** Who calls, which method, how often. */
    record Plan(String caller, MethodDescriptor<StringValue, StringValue> method, int callsPerSecond) {
        Plan {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(method, "method");
            if (callsPerSecond < 1) {
                throw new IllegalArgumentException("calls per second must be positive, not " + callsPerSecond);
            }
        }
    }

    private Caller(Plan plan, ManagedChannel channel, Optional<Channel> aroundTheMesh, TrafficRecorder recorder) {
        this.name = plan.caller();
        this.method = plan.method();
        this.channel = channel;
        this.aroundTheMesh = aroundTheMesh;
        this.periodNanos = TimeUnit.SECONDS.toNanos(1) / plan.callsPerSecond();
        this.recorder = recorder;
        this.loop = Thread.ofPlatform().daemon().name("gitmesh-demo-" + name).unstarted(this::run);
    }

    /** Starts calling as planned through {@code channel}, and through {@code aroundTheMesh} when it has no route. */
    static Caller start(Plan plan, ManagedChannel channel, Optional<Channel> aroundTheMesh, TrafficRecorder recorder) {
        Caller caller = new Caller(plan, channel, aroundTheMesh, recorder);
        caller.loop.start();
        return caller;
    }

    private void run() {
        long next = System.nanoTime();
        while (!stopped) {
            next += periodNanos;
            long now = System.nanoTime();
            if (now - next > MAX_LAG_NANOS) {
                next = now;
            }
            LockSupport.parkNanos(next - now);
            if (inFlight.tryAcquire()) {
                boolean meshRoute = aroundTheMesh.isEmpty() || channel.getState(true) == ConnectivityState.READY;
                call(meshRoute ? channel : aroundTheMesh.get(), meshRoute);
            }
        }
    }

    private void call(Channel through, boolean viaMesh) {
        ClientCalls.asyncUnaryCall(through.newCall(method,
                CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)),
                StringValue.getDefaultInstance(), new StreamObserver<>() {
                    private String answeredBy = CallOutcome.FAILED;

                    @Override
                    public void onNext(StringValue answer) {
                        answeredBy = answer.getValue();
                    }

                    @Override
                    public void onError(Throwable error) {
                        Status status = Status.fromThrowable(error);
                        if (viaMesh && status.getCode() == Status.Code.UNAVAILABLE && aroundTheMesh.isPresent()) {
                            call(aroundTheMesh.get(), false);
                            return;
                        }
                        boolean denied = status.getCode() == Status.Code.PERMISSION_DENIED;
                        if (!denied) {
                            recorder.failed(name, status.getCode() + (status.getDescription() == null ? ""
                                    : ": " + status.getDescription()));
                        }
                        done(denied ? CallOutcome.DENIED : CallOutcome.FAILED);
                    }

                    @Override
                    public void onCompleted() {
                        done(answeredBy);
                    }
                });
    }

    private void done(String outcome) {
        inFlight.release();
        recorder.record(new CallOutcome(name, outcome, System.nanoTime()));
    }

    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(loop);
        try {
            loop.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
