package io.gitmesh.xds.secrets;

import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.TrustBundle;
import io.gitmesh.ca.rotation.RenewalPlan;
import io.gitmesh.ca.rotation.RenewalPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one certificate per key (an identity, the xDS server), issued with a new key, and renews each
 * when its {@link RenewalPlan} says (about half its lifetime, with jitter), on a timer thread of its own.
 * After renewing it tells {@code changed} which keys have a new certificate, so the owner delivers them
 * (SDS secrets, the server's key manager) long before the old ones expire. Time comes from the given
 * {@link Clock}; the timer only wakes it up, so a test that moves the clock calls {@link #renewDue()}.
 *
 * <p>Thread-safe. {@code changed} is called without any lock held, on the renewing thread; it must not
 * block for long. Issuing failures are logged and retried; keys and certificates are never logged.
 *
 * @param <K> what a certificate is for
 */
public final class CertificateRenewer<K extends Comparable<? super K>> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateRenewer.class);
    /** The longest the timer sleeps: a clock that jumps (suspend, NTP) is noticed within this. */
    private static final Duration LONGEST_SLEEP = Duration.ofSeconds(30);
    /**
     * The shortest the timer sleeps: a certificate whose renewal time has passed as soon as it is issued
     * (a lifetime shorter than the CA's backdating of notBefore) is renewed once a second, not in a loop.
     */
    private static final Duration SHORTEST_SLEEP = Duration.ofSeconds(1);
    /** How long to wait before trying again when the CA failed. */
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final Function<K, LeafRequest> requests;
    private final RenewalPlan<K> plan;
    private final Clock clock;
    private final RandomGenerator jitter;
    private final Consumer<Set<K>> changed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("certificate-renewer").daemon().factory());

    /** Guarded by {@code this}. */
    private final Map<K, IssuedCertificate> held = new HashMap<>();
    private SigningAuthority authority;
    private ScheduledFuture<?> wakeUp;

    /**
     * @param requests what to issue for a key (identity, lifetime, DNS names)
     * @param jitter   the source of each certificate's renewal jitter
     * @param changed  told the keys whose certificates were renewed, or all keys when the trust bundle changed
     */
    public CertificateRenewer(SigningAuthority authority, Function<K, LeafRequest> requests, RenewalPolicy policy,
            Clock clock, RandomGenerator jitter, Consumer<Set<K>> changed) {
        this.authority = Objects.requireNonNull(authority, "authority");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.plan = new RenewalPlan<>(Objects.requireNonNull(policy, "policy"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.changed = Objects.requireNonNull(changed, "changed");
    }

    /**
     * Makes {@code keys} the keys held: issues a certificate for each new key, forgets the keys not
     * listed (their workloads are gone), and returns the certificate of every key, sorted.
     */
    public synchronized SortedMap<K, IssuedCertificate> retain(Collection<K> keys) {
        Set<K> wanted = new TreeSet<>(keys);
        held.keySet().removeIf(key -> {
            boolean gone = !wanted.contains(key);
            if (gone) {
                plan.release(key);
            }
            return gone;
        });
        boolean issued = false;
        for (K key : wanted) {
            if (!held.containsKey(key)) {
                issue(key);
                issued = true;
            }
        }
        if (issued) {
            schedule(SHORTEST_SLEEP);
        }
        SortedMap<K, IssuedCertificate> current = new TreeMap<>();
        wanted.forEach(key -> current.put(key, held.get(key)));
        return current;
    }

    /** How many certificates held chain to {@code root} and have not expired (a root rotation's stage 2 waits for none). */
    public synchronized int liveCertificatesOf(Fingerprint root) {
        return plan.liveCertificatesOf(root, clock.instant());
    }

    /** The trust bundle peers verify these certificates with. */
    public synchronized TrustBundle trustBundle() {
        return authority.authority().trustBundle();
    }

    /**
     * Renews every certificate due now (by the clock), tells {@code changed}, and sets the timer for the
     * next one.
     *
     * @return the keys renewed
     */
    public Set<K> renewDue() {
        Set<K> renewed = new TreeSet<>();
        synchronized (this) {
            Instant now = clock.instant();
            Fingerprint signing = authority.signingRoot();
            try {
                for (K key : plan.due(now, signing)) {
                    issue(key);
                    renewed.add(key);
                }
                schedule(SHORTEST_SLEEP);
            } catch (RuntimeException e) {
                LOG.error("renewing certificates failed, retrying in {}: {}", RETRY, e.toString());
                schedule(RETRY);
            }
        }
        if (!renewed.isEmpty()) {
            LOG.info("renewed {} certificates", renewed.size());
            changed.accept(Set.copyOf(renewed));
        }
        return renewed;
    }

    /**
     * Issues from {@code next} from now on (a root rotation stage): certificates chaining to another
     * root than its signing root are renewed at once, and {@code changed} hears of every key, since the
     * trust bundle may have changed.
     */
    public void useAuthority(SigningAuthority next) {
        Set<K> all;
        synchronized (this) {
            authority = Objects.requireNonNull(next, "next");
            all = Set.copyOf(held.keySet());
        }
        LOG.info("issuing from root {}; trust bundle {}", next.signingRoot().shortForm(),
                next.authority().trustBundle().fingerprints().stream().map(Fingerprint::shortForm).toList());
        renewDue();
        changed.accept(all);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void issue(K key) {
        IssuedCertificate certificate = authority.authority().issueWithNewKey(requests.apply(key));
        held.put(key, certificate);
        plan.track(key, Fingerprint.of(certificate.root()), certificate.validity(), jitter.nextDouble());
    }

    /** Sets the timer for the next due certificate, waiting at least {@code atLeast}. */
    private void schedule(Duration atLeast) {
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        Instant now = clock.instant();
        Duration untilDue = plan.nextDue(now, authority.signingRoot())
                .map(due -> Duration.between(now, due))
                .orElse(LONGEST_SLEEP);
        Duration sleep = untilDue.compareTo(LONGEST_SLEEP) < 0 ? untilDue : LONGEST_SLEEP;
        if (sleep.compareTo(atLeast) < 0) {
            sleep = atLeast;
        }
        try {
            wakeUp = timer.schedule(this::renewDue, Math.max(0, sleep.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            wakeUp = null;
        }
    }
}
