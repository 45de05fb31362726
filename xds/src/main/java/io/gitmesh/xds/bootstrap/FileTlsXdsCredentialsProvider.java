package io.gitmesh.xds.bootstrap;

import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import io.grpc.xds.XdsCredentialsProvider;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code tls} xDS channel credentials of gRFC A65, as a gitmesh bootstrap writes them: the
 * workload's certificate, key and trust bundle from files ({@code certificate_file},
 * {@code private_key_file}, {@code ca_certificate_file}), re-read every {@code refresh_interval}.
 *
 * <p>grpc-java 1.85.1 registers a {@code tls} provider that ignores this config (it returns
 * {@code TlsChannelCredentials.create()}: the JDK's default roots, no client certificate), so its xDS
 * client cannot do mTLS to a control plane from a bootstrap alone. This provider, registered through
 * {@code META-INF/services} with a higher priority, takes its place for every grpc-java workload that
 * has this jar on its class path (the tests, {@code gitmesh demo}); other grpc-java applications need
 * the same until grpc-java implements A65's config. {@code grpc-xds} is an optional dependency of this
 * module: without it nothing loads the provider.
 */
public final class FileTlsXdsCredentialsProvider extends XdsCredentialsProvider {
    private static final long DEFAULT_REFRESH_MILLIS = TimeUnit.MINUTES.toMillis(10);
    private static final ScheduledExecutorService RELOADER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("xds-tls-reloader").daemon().factory());

    @Override
    protected ChannelCredentials newChannelCredentials(Map<String, ?> config) {
        if (config == null || config.isEmpty()) {
            return TlsChannelCredentials.create();
        }
        long refresh = refreshMillis(config.get("refresh_interval"));
        try {
            AdvancedTlsX509TrustManager trust = AdvancedTlsX509TrustManager.newBuilder()
                    .setVerification(AdvancedTlsX509TrustManager.Verification.CERTIFICATE_AND_HOST_NAME_VERIFICATION)
                    .build();
            trust.updateTrustCredentials(file(config, "ca_certificate_file"), refresh, TimeUnit.MILLISECONDS, RELOADER);
            AdvancedTlsX509KeyManager keys = new AdvancedTlsX509KeyManager();
            keys.updateIdentityCredentials(file(config, "certificate_file"), file(config, "private_key_file"), refresh,
                    TimeUnit.MILLISECONDS, RELOADER);
            return TlsChannelCredentials.newBuilder().keyManager(keys).trustManager(trust).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("tls channel credentials: " + e.getMessage(), e);
        }
    }

    @Override
    protected String getName() {
        return "tls";
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    /** Above grpc-java's own {@code tls} provider (5). */
    @Override
    public int priority() {
        return 10;
    }

    private static File file(Map<String, ?> config, String key) {
        if (!(config.get(key) instanceof String path)) {
            throw new IllegalArgumentException("tls channel credentials need \"" + key + "\"");
        }
        return new File(path);
    }

    /** A protobuf JSON duration, e.g. {@code "60s"} or {@code "0.5s"}. */
    private static long refreshMillis(Object interval) {
        if (!(interval instanceof String text) || !text.endsWith("s")) {
            return DEFAULT_REFRESH_MILLIS;
        }
        return new BigDecimal(text.substring(0, text.length() - 1)).movePointRight(3).longValue();
    }
}
