package io.gitmesh.app.run;

import io.gitmesh.ca.rotation.ReplicaReport;
import io.gitmesh.ca.store.CaStoreException;
import java.util.List;

/**
 * Where the replicas of {@code gitmesh run} leave their reports on a root rotation for the one that moves it
 * on ({@link RotationPeers.Replicas}). Failures are {@link CaStoreException}s.
 */
interface RotationReports {
    /** Stores {@code report} as its replica's last, while the CA store holds a rotation in progress. */
    void publish(ReplicaReport report);

    /** Removes {@code replica}'s report, if there is one. */
    void withdraw(String replica);

    /** Every replica's last report, in replica order. */
    List<ReplicaReport> read();
}
