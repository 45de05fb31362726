package io.gitmesh.app.run;

import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.ca.Validity;
import io.gitmesh.ca.store.CaStoreException;
import io.gitmesh.ca.store.WorkloadFiles;
import io.gitmesh.model.Identity;
import io.gitmesh.xds.secrets.SigningAuthority;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate files the control plane wrote for workloads ({@link ControlPlane#writeWorkloadFiles}:
 * the demo's and the tests' proxyless workloads), kept in step with a root rotation: each stage's
 * authority rewrites the directories not in line with it (trust bundle, signing root). Files written with
 * {@code gitmesh ca issue} are not among them: their operator rewrites them.
 *
 * <p>Their readers (gRPC's file_watcher) re-read the files every refresh interval and tell nobody, so a
 * directory rewritten less than two refresh intervals ago counts as still holding what it held before:
 * as lacking any root, and as a live certificate of any root. Thread-safe.
 */
final class ManagedWorkloadFiles implements RotationParticipant {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedWorkloadFiles.class);

    /** What a directory holds, and when it was written. */
    private record Written(Identity identity, Duration lifetime, Fingerprint root, Set<Fingerprint> bundle,
            Validity validity, Instant at) {
    }

    private final Clock clock;
    private final Duration settling;
    /** Guarded by {@code this}. */
    private final Map<Path, Written> written = new TreeMap<>();
    private SigningAuthority authority;

    /** @param readerRefresh how often the files' readers re-read them */
    ManagedWorkloadFiles(SigningAuthority authority, Duration readerRefresh, Clock clock) {
        this.authority = Objects.requireNonNull(authority, "authority");
        this.settling = readerRefresh.multipliedBy(2);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Issues a certificate for {@code workload} and writes it with the trust bundle into {@code directory}. */
    synchronized IssuedCertificate write(Identity workload, Duration lifetime, Path directory) {
        IssuedCertificate issued = authority.authority().issueWithNewKey(LeafRequest.of(workload)
                .withLifetime(lifetime));
        TrustBundle bundle = authority.authority().trustBundle();
        WorkloadFiles.write(directory, issued, bundle);
        written.put(directory, new Written(workload, lifetime, Fingerprint.of(issued.root()),
                Set.copyOf(bundle.fingerprints()), issued.validity(), clock.instant()));
        return issued;
    }

    @Override
    public synchronized void use(SigningAuthority next) {
        authority = next;
        Set<Fingerprint> bundle = Set.copyOf(next.authority().trustBundle().fingerprints());
        List<String> failures = new ArrayList<>();
        for (Map.Entry<Path, Written> entry : List.copyOf(written.entrySet())) {
            Written files = entry.getValue();
            if (files.root().equals(next.signingRoot()) && files.bundle().equals(bundle)) {
                continue;
            }
            try {
                write(files.identity(), files.lifetime(), entry.getKey());
                LOG.info("rewrote the workload files of {} in {} for the root rotation", files.identity(),
                        entry.getKey());
            } catch (CaStoreException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new CaStoreException("cannot rewrite workload files: " + String.join("; ", failures));
        }
    }

    @Override
    public synchronized int peersWithout(Fingerprint root) {
        Instant now = clock.instant();
        return (int) written.values().stream()
                .filter(files -> !files.bundle().contains(root) || unsettled(files, now))
                .count();
    }

    @Override
    public synchronized int liveCertificatesOf(Fingerprint root) {
        Instant now = clock.instant();
        return (int) written.values().stream()
                .filter(files -> files.root().equals(root) && !files.validity().hasExpiredAt(now)
                        || unsettled(files, now))
                .count();
    }

    /** Whether a reader may not have re-read the files yet. */
    private boolean unsettled(Written files, Instant now) {
        return now.isBefore(files.at().plus(settling));
    }
}
