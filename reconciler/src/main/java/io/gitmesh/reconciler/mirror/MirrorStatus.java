package io.gitmesh.reconciler.mirror;

import java.util.List;
import java.util.Objects;

/**
 * What {@code /status} shows about the SMI objects in the cluster.
 *
 * @param active        whether this replica writes (it leads)
 * @param writtenCommit the commit whose objects are all in the cluster ("" before the first)
 * @param drift         drift found by the last check (in {@code warn} mode: still there)
 * @param notices       what the mirror left alone or could not do, and why
 * @param checks        how many times the cluster was compared with git
 */
public record MirrorStatus(boolean active, String writtenCommit, List<Drift> drift, List<Notice> notices,
        long checks) {
    public static final MirrorStatus INITIAL = new MirrorStatus(false, "", List.of(), List.of(), 0);

    public MirrorStatus {
        Objects.requireNonNull(writtenCommit, "writtenCommit");
        drift = List.copyOf(drift);
        notices = List.copyOf(notices);
    }
}
