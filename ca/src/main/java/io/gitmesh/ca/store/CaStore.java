package io.gitmesh.ca.store;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.rotation.RootRotation;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a CA's root (and intermediate) and their keys are kept between runs: created on first start,
 * reused afterwards, so certificates issued before a restart keep verifying. During a root rotation it
 * also keeps the new root's CA and the stage ({@link CaState}), so a restarted control plane resumes the
 * rotation where it was. Implementations: files ({@link FileCaStore}) and a Kubernetes Secret
 * ({@link KubernetesSecretCaStore}).
 *
 * <p>Failures are {@link CaStoreException}s whose message says what to fix; no implementation ever logs
 * or prints a key.
 */
public interface CaStore {
    /** Where the material lives, for messages: a directory, {@code secret/<namespace>/<name>}. */
    String location();

    /**
     * What the store holds; empty when it holds no CA yet. A store written before root rotations existed
     * holds a settled CA.
     */
    Optional<CaState> load();

    /**
     * Stores {@code material} unless the store already holds some (another replica may have been first).
     *
     * @return false when material was already there; it is left untouched
     */
    boolean createIfAbsent(CaMaterial material);

    /**
     * Stores {@code next} if the store still holds {@code expected} (its stage and roots), in one write that
     * a reader sees whole or not at all: the operator starting a rotation and the control plane moving it on
     * never overwrite each other's change.
     *
     * @return false when the store holds something else by now; nothing was written
     * @throws IllegalArgumentException when no single write leads there: the CA in place changes only by
     *                                  settling a rotation on its new root, and a rotation keeps its new root
     *                                  until it settles on it
     */
    boolean replace(RootRotation expected, CaState next);

    /** What the store holds, or a settled CA of {@code generate}'s, stored first; whoever stores first wins. */
    default CaState loadOrCreate(Supplier<CaMaterial> generate) {
        Optional<CaState> stored = load();
        if (stored.isPresent()) {
            return stored.get();
        }
        CaMaterial generated = generate.get();
        if (createIfAbsent(generated)) {
            return CaState.settled(generated);
        }
        return load().orElseThrow(() -> new CaStoreException(location()
                + ": another process is creating the CA at the same time; try again"));
    }
}
