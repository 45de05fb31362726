package io.gitmesh.injector.manifest;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** What injection made of one manifest document. */
public sealed interface ManifestInjection {
    /** The document with its pod injected; warnings for the person who asked. */
    record Injected(JsonNode document, List<String> warnings) implements ManifestInjection {
        public Injected {
            Objects.requireNonNull(document, "document");
            warnings = List.copyOf(warnings);
        }
    }

    /** A document of another kind (a Service, a ConfigMap, ...), as it was. */
    record PassedThrough(JsonNode document) implements ManifestInjection {
        public PassedThrough {
            Objects.requireNonNull(document, "document");
        }
    }

    /** A Pod or workload left as it was, and why: opted out, host network, already injected, ... */
    record Unchanged(JsonNode document, String reason) implements ManifestInjection {
        public Unchanged {
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The document cannot be injected as it is; each problem says what to fix. */
    record Refused(List<String> problems) implements ManifestInjection {
        public Refused {
            problems = List.copyOf(problems);
        }
    }
}
