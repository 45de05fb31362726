package io.gitmesh.xds.override;

import java.util.List;

/** What applying one patch to a workload's resources did. */
sealed interface Outcome {
    /** The patch changed these resources (removed ones are not listed: nothing is left to check). */
    record Changed(List<ResourceRef> resources) implements Outcome {
        public Changed {
            resources = List.copyOf(resources);
        }
    }

    /** The target matched nothing in this workload's config; nothing changed. */
    record NoMatch() implements Outcome {
    }

    /** The patch cannot be applied, for the reason given. */
    record Failed(String reason) implements Outcome {
    }
}
