package io.gitmesh.app.run;

import io.gitmesh.model.SpiffeId;
import io.gitmesh.schema.policy.MeshConfig;
import io.gitmesh.xds.bootstrap.GrpcBootstrap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** How {@code gitmesh run} secures xDS. */
public sealed interface XdsSecurity {

    /**
     * INSECURE, loopback development only: plaintext xDS, no identity binding (any node gets the group it
     * claims), no SDS secrets, and proxyless gRPC translated to plaintext with the caller named by a header.
     */
    record Insecure() implements XdsSecurity {
    }

    /**
     * mTLS (the default): the CA kept in {@code caDirectory} ({@code FileCaStore}: created on first start
     * for {@code trustDomain}, reused afterwards) issues the server's certificate (SPIFFE ID
     * {@code spiffe://<trust domain>/ns/gitmesh-system/sa/gitmesh}, DNS name {@code serverName}) and the
     * Envoy sidecars' SDS secrets; every stream is bound to its client certificate's identity.
     *
     * @param trustDomain used only when the CA is created; an existing CA keeps its own
     * @param serverName  the host name workloads dial the xDS server by (a DNS SAN of its certificate)
     * @param rotation    how root rotations are carried through
     */
    record MutualTls(Path caDirectory, String trustDomain, String serverName, RootRotationTiming rotation)
            implements XdsSecurity {
        public MutualTls {
            Objects.requireNonNull(caDirectory, "caDirectory");
            if (!SpiffeId.isValidTrustDomain(trustDomain)) {
                throw new IllegalArgumentException("not a SPIFFE trust domain: \"" + trustDomain + "\"");
            }
            Objects.requireNonNull(serverName, "serverName");
            Objects.requireNonNull(rotation, "rotation");
        }

        /** With the default root rotation timing. */
        public MutualTls(Path caDirectory, String trustDomain, String serverName) {
            this(caDirectory, trustDomain, serverName, RootRotationTiming.DEFAULT);
        }

        public MutualTls withRotation(RootRotationTiming timing) {
            return new MutualTls(caDirectory, trustDomain, serverName, timing);
        }
    }

    /**
     * How a root rotation is carried through ({@code RootRotationDriver}).
     *
     * @param checkInterval        how often the CA store is read and the stage's facts gathered
     * @param workloadFileRefresh  how often the readers of the workload files the control plane wrote re-read
     *                             them (gRPC's file_watcher {@code refresh_interval} of their bootstraps)
     */
    record RootRotationTiming(Duration checkInterval, Duration workloadFileRefresh) {
        /** Checks every 10 s; files re-read every 60 s, as gitmesh's gRPC bootstraps say. */
        public static final RootRotationTiming DEFAULT = new RootRotationTiming(Duration.ofSeconds(10),
                GrpcBootstrap.FILE_REFRESH);

        public RootRotationTiming {
            requirePositive(checkInterval, "root rotation check interval");
            requirePositive(workloadFileRefresh, "workload file refresh interval");
        }

        private static void requirePositive(Duration duration, String what) {
            Objects.requireNonNull(duration, what);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("the " + what + " must be positive, not " + duration);
            }
        }
    }

    static XdsSecurity insecure() {
        return new Insecure();
    }

    /** mTLS with the CA in {@code caDirectory}, trust domain {@code cluster.local}, server name {@code localhost}. */
    static XdsSecurity mutualTls(Path caDirectory) {
        return new MutualTls(caDirectory, MeshConfig.DEFAULT_TRUST_DOMAIN, "localhost");
    }
}
