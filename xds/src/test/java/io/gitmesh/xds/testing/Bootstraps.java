package io.gitmesh.xds.testing;

import io.gitmesh.xds.bootstrap.BootstrapSpec;
import io.gitmesh.xds.bootstrap.GrpcBootstrap;
import io.grpc.internal.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** gitmesh's own bootstraps, as grpc-java's parser reads them, for in-JVM xDS clients and servers. */
public final class Bootstraps {
    private Bootstraps() {
    }

    /**
     * {@link GrpcBootstrap#json} parsed, with every {@code refresh_interval} (certificate files) set to
     * {@code refresh}, so tests rotating certificates every few seconds see each rotation. grpc-java's
     * file_watcher counts whole seconds, so {@code refresh} must be at least one.
     */
    @SuppressWarnings("unchecked") // the bootstrap is a JSON object
    public static Map<String, ?> grpc(BootstrapSpec spec, Duration refresh) {
        if (refresh.toSeconds() < 1) {
            throw new IllegalArgumentException("file_watcher refreshes in whole seconds, not " + refresh);
        }
        try {
            return (Map<String, ?>) withRefresh(JsonParser.parse(GrpcBootstrap.json(spec)), refresh.toSeconds() + "s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T withRefresh(T json, String refresh) {
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put((String) key, key.equals("refresh_interval") ? refresh
                    : withRefresh(value, refresh)));
            return (T) copy;
        }
        if (json instanceof List<?> list) {
            return (T) list.stream().map(value -> withRefresh(value, refresh)).toList();
        }
        return json;
    }
}
