package io.gitmesh.xds.override;

import io.gitmesh.schema.Severity;
import java.util.Objects;

/** A problem found inside a value or a resource, before it is placed in a file and named by its override. */
record Finding(Severity severity, FieldPath at, String message) {
    Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
    }

    static Finding error(FieldPath at, String message) {
        return new Finding(Severity.ERROR, at, message);
    }

    boolean isError() {
        return severity == Severity.ERROR;
    }
}
