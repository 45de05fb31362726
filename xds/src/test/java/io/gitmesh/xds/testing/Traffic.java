package io.gitmesh.xds.testing;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.stub.ClientCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Sends {@code mesh.Echo/Who} calls through a channel and counts which backend answered. */
public final class Traffic {
    private static final int IN_FLIGHT = 100;

    private Traffic() {
    }

    /** Sends {@code calls} calls, {@value #IN_FLIGHT} at a time; the number answered per backend name. */
    public static SortedMap<String, Integer> spread(Channel channel, int calls) {
        SortedMap<String, Integer> counts = new TreeMap<>();
        for (int sent = 0; sent < calls; sent += IN_FLIGHT) {
            List<ListenableFuture<StringValue>> batch = new ArrayList<>();
            for (int i = 0; i < Math.min(IN_FLIGHT, calls - sent); i++) {
                batch.add(ClientCalls.futureUnaryCall(channel.newCall(EchoBackend.WHO,
                        CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS)), StringValue.getDefaultInstance()));
            }
            for (ListenableFuture<StringValue> answer : batch) {
                counts.merge(get(answer), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static String get(ListenableFuture<StringValue> answer) {
        try {
            return answer.get().getValue();
        } catch (ExecutionException e) {
            throw new AssertionError("a call failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
