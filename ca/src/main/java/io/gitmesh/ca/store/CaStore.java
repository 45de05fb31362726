package io.gitmesh.ca.store;

import io.gitmesh.ca.CaMaterial;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a CA's root (and intermediate) and their keys are kept between runs: created on first start,
 * reused afterwards, so certificates issued before a restart keep verifying. Implementations: files
 * ({@link FileCaStore}) and a Kubernetes Secret ({@link KubernetesSecretCaStore}).
 *
 * <p>Failures are {@link CaStoreException}s whose message says what to fix; no implementation ever logs
 * or prints a key.
 */
public interface CaStore {
    /** Where the material lives, for messages: a directory, {@code secret/<namespace>/<name>}. */
    String location();

    /** The stored material; empty when the store holds none yet. */
    Optional<CaMaterial> load();

    /**
     * Stores {@code material} unless the store already holds some (another replica may have been first).
     *
     * @return false when material was already there; it is left untouched
     */
    boolean createIfAbsent(CaMaterial material);

    /** The stored material, or {@code generate}'s, stored first; whoever stores first wins. */
    default CaMaterial loadOrCreate(Supplier<CaMaterial> generate) {
        Optional<CaMaterial> stored = load();
        if (stored.isPresent()) {
            return stored.get();
        }
        CaMaterial generated = generate.get();
        if (createIfAbsent(generated)) {
            return generated;
        }
        return load().orElseThrow(() -> new CaStoreException(location()
                + ": another process is creating the CA at the same time; try again"));
    }
}
