package io.gitmesh.bench.push;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.gitmesh.xds.Flavour;
import io.gitmesh.xds.NodeMetadata;
import io.gitmesh.xds.SnapshotGroup;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load client of {@link PushBenchmark}, a process of its own: opens {@code streams} ADS streams to
 * {@code 127.0.0.1:<port>}, each on its own connection as each proxy would have, stream {@code k} with
 * node {@code proxy-k} in the {@code k mod n}-th of the {@code n} groups it reads. Driven by lines on
 * stdin, answering each on stdout:
 * <pre>
 *   group ids, one a line (as SnapshotGroup#id), then "end"   → "opened &lt;streams&gt;"
 *   "mark"   (start counting responses anew)                   → "marked"
 *   "count"                                                    → "count &lt;streams that received any&gt; &lt;responses&gt; &lt;closed streams&gt;"
 *   "quit", or the end of stdin                                → exits
 * </pre>
 * It exits by itself after {@code limitSeconds}. Usage: {@code LoadClient <port> <streams> <limitSeconds>}.
 */
public final class LoadClient {
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<ProxyStream> streams = new ArrayList<>();

    private LoadClient() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: LoadClient <port> <streams> <limitSeconds>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        exitAfter(Long.parseLong(args[2]));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<SnapshotGroup> groups = new ArrayList<>();
        for (String line = in.readLine(); line != null && !line.equals("end"); line = in.readLine()) {
            groups.add(parseGroup(line));
        }
        LoadClient client = new LoadClient();
        client.open(port, count, groups);
        out.println("opened " + count);
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            switch (line) {
                case "mark" -> {
                    client.streams.forEach(ProxyStream::takeReceivedSinceMark);
                    out.println("marked");
                }
                case "count" -> out.println(client.count());
                default -> out.println("unknown command " + line);
            }
        }
        client.close();
    }

    private void open(int port, int count, List<SnapshotGroup> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no groups given");
        }
        for (int k = 0; k < count; k++) {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port,
                    InsecureChannelCredentials.create()).directExecutor().build();
            Node node = Node.newBuilder().setId("proxy-" + k)
                    .setMetadata(NodeMetadata.of(groups.get(k % groups.size())))
                    .build();
            channels.add(channel);
            streams.add(ProxyStream.open(channel, node));
        }
    }

    private String count() {
        int receiving = 0;
        long responses = 0;
        int closed = 0;
        for (ProxyStream stream : streams) {
            int received = stream.takeReceivedSinceMark();
            receiving += received > 0 ? 1 : 0;
            responses += received;
            closed += stream.closed() ? 1 : 0;
        }
        return "count " + receiving + " " + responses + " " + closed;
    }

    private void close() throws InterruptedException {
        streams.forEach(ProxyStream::close);
        channels.forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : channels) {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** {@code namespace/serviceAccount/flavour[/ports]}, as {@link SnapshotGroup#id()} writes it. */
    private static SnapshotGroup parseGroup(String id) {
        String[] parts = id.split("/");
        Flavour flavour = Flavour.fromWireName(parts[2])
                .orElseThrow(() -> new IllegalArgumentException("no flavour " + parts[2] + " in group " + id));
        List<Integer> ports = parts.length < 4 ? List.of()
                : Arrays.stream(parts[3].split(",")).map(Integer::valueOf).toList();
        return new SnapshotGroup(parts[0], parts[1], flavour, ports);
    }

    private static void exitAfter(long seconds) {
        Thread.ofPlatform().daemon().name("load-client-limit").start(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                System.err.println("load client: stopping after its limit of " + seconds + " s");
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
