package io.gitmesh.ca.store;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.rotation.CaState;
import io.gitmesh.ca.rotation.RootRotation.Stage;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How both stores keep a root rotation beside the CA in place: the CA rolling in under the CA's own names
 * prefixed {@value #NEXT_PREFIX} ({@code next-root.pem}, {@code next-root-key.pem}, and with an intermediate
 * {@code next-intermediate.pem}, {@code next-intermediate-key.pem}), and the stage's label in
 * {@value #STAGE}. A store without a stage — every store written before rotations existed — is settled;
 * {@code next-} names without a stage are left-overs of an interrupted start and mean nothing.
 */
final class RotationFields {
    static final String NEXT_PREFIX = "next-";
    static final String STAGE = "rotation-stage";
    /**
     * The file store's mark while it copies the {@code next-} files over the CA's own (they cannot all be
     * renamed at once): the {@code next-} files are the CA in place.
     */
    static final String SETTLING = "settling";
    /** The CA's names in a store, without a prefix. */
    static final List<String> NAMES = List.of(FileCaStore.ROOT_CERTIFICATE, FileCaStore.ROOT_KEY,
            FileCaStore.INTERMEDIATE_CERTIFICATE, FileCaStore.INTERMEDIATE_KEY);

    /** What may happen to a store's state in one write. */
    enum Change {
        /** Nothing: the state is the one stored. */
        NONE,
        /** A rotation starts: the new CA is written, then the stage. */
        BEGIN,
        /** The stage moves on; the CAs stay. */
        STAGE,
        /** The new CA becomes the only one. */
        SETTLE
    }

    private RotationFields() {
    }

    /**
     * The state a store holds.
     *
     * @param stage   the text of {@value #STAGE}; empty when there is none
     * @param current reads the CA in place (not read while the file store settles)
     * @param next    reads the {@code next-} CA (read only during a rotation)
     */
    static CaState read(String location, Optional<String> stage, Supplier<CaMaterial> current,
            Supplier<CaMaterial> next) {
        if (stage.isEmpty()) {
            return CaState.settled(current.get());
        }
        String label = stage.get().strip();
        if (label.equals(SETTLING)) {
            return CaState.settled(next.get());
        }
        Stage recorded = Stage.ofLabel(label).orElseThrow(() -> new CaStoreException(location + " " + STAGE
                + " is \"" + label + "\", not one of " + Stage.TRUSTING_NEW_ROOT.label() + ", "
                + Stage.ISSUING_FROM_NEW_ROOT.label() + ": restore it, or remove it to keep the CA in place"));
        if (recorded == Stage.SETTLED) {
            return CaState.settled(current.get());
        }
        try {
            return new CaState(current.get(), Optional.of(next.get()), recorded);
        } catch (IllegalArgumentException e) {
            throw new CaStoreException(location + " holds an unusable root rotation: " + e.getMessage());
        }
    }

    /**
     * The change from {@code stored} to {@code next}.
     *
     * @throws IllegalArgumentException when no single write makes it: the CA in place changes only by
     *                                  settling a rotation on its new root, a rotation keeps its new root, and
     *                                  once begun it ends only on its new root
     */
    static Change change(CaState stored, CaState next) {
        var from = stored.rotation();
        var to = next.rotation();
        if (from.equals(to)) {
            return Change.NONE;
        }
        if (!to.oldRoot().equals(from.oldRoot())) {
            if (to.stage() == Stage.SETTLED && from.newRoot().filter(to.oldRoot()::equals).isPresent()) {
                return Change.SETTLE;
            }
            throw new IllegalArgumentException("the CA in place (root " + from.oldRoot().shortForm() + ") changes only"
                    + " by settling a rotation on its new root, not to root " + to.oldRoot().shortForm());
        }
        if (from.stage() == Stage.SETTLED) {
            return Change.BEGIN;
        }
        if (!to.newRoot().equals(from.newRoot())) {
            throw new IllegalArgumentException("a rotation in progress keeps its new root " + from.newRoot()
                    .orElseThrow().shortForm() + " until it settles on it");
        }
        return Change.STAGE;
    }
}
