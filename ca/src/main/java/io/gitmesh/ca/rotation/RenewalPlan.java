package io.gitmesh.ca.rotation;

import io.gitmesh.ca.Fingerprint;
import io.gitmesh.ca.Validity;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The certificates a control plane has handed out and when each is due for renewal. It runs no timer:
 * its owner asks {@link #due} at an instant of its choosing, and {@link #nextDue} says when to ask next,
 * so one timer serves every certificate. A certificate is due when its renewal time (see
 * {@link RenewalPolicy}) has come, or at once when it chains to a root other than the one that signs now
 * (stage 2 of a {@link RootRotation}). Renewing a key replaces its entry; a workload that goes away must
 * be {@link #release released}, or the plan would keep renewing it.
 *
 * <p>Not thread-safe: one owner (an event loop, a reconciler) reads and changes it.
 *
 * @param <K> what a certificate is for, e.g. a pod or a proxy stream
 */
public final class RenewalPlan<K extends Comparable<? super K>> {
    /** One certificate: the root it chains to, its validity, and when it is renewed. */
    public record Entry<K>(K key, Fingerprint root, Validity validity, Instant renewAt) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(validity, "validity");
            Objects.requireNonNull(renewAt, "renewAt");
        }

        /** When it is due: at its renewal time, or at once when it chains to another root than {@code signingRoot}. */
        public Instant dueAt(Instant now, Fingerprint signingRoot) {
            return root.equals(signingRoot) ? renewAt : now;
        }
    }

    private final RenewalPolicy policy;
    private final Map<K, Entry<K>> entries = new TreeMap<>();

    public RenewalPlan(RenewalPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Tracks the certificate now held under {@code key}, replacing the one it held before.
     *
     * @param jitterSample a uniform random value in [0, 1), see {@link RenewalPolicy#renewalTime}
     */
    public Entry<K> track(K key, Fingerprint root, Validity validity, double jitterSample) {
        Entry<K> entry = new Entry<>(key, root, validity, policy.renewalTime(validity, jitterSample));
        entries.put(key, entry);
        return entry;
    }

    /** Stops tracking {@code key} (its workload is gone). */
    public void release(K key) {
        entries.remove(key);
    }

    public Optional<Entry<K>> entry(K key) {
        return Optional.ofNullable(entries.get(key));
    }

    public int size() {
        return entries.size();
    }

    /** The keys tracked, sorted. */
    public List<K> keys() {
        return List.copyOf(entries.keySet());
    }

    /** The keys whose certificates are due at {@code now}, the longest overdue first. */
    public List<K> due(Instant now, Fingerprint signingRoot) {
        return entries.values().stream()
                .filter(entry -> !entry.dueAt(now, signingRoot).isAfter(now))
                .sorted(Comparator.comparing((Entry<K> entry) -> entry.dueAt(now, signingRoot))
                        .thenComparing(Entry::key))
                .map(Entry::key)
                .toList();
    }

    /** When the next certificate comes due (at or before {@code now} when one already is); empty when none is tracked. */
    public Optional<Instant> nextDue(Instant now, Fingerprint signingRoot) {
        return entries.values().stream().map(entry -> entry.dueAt(now, signingRoot)).min(Comparator.naturalOrder());
    }

    /** How many tracked certificates chain to {@code root} and have not expired at {@code now}. */
    public int liveCertificatesOf(Fingerprint root, Instant now) {
        return (int) entries.values().stream()
                .filter(entry -> entry.root().equals(root) && !entry.validity().hasExpiredAt(now))
                .count();
    }
}
