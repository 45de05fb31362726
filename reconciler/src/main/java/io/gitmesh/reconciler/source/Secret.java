package io.gitmesh.reconciler.source;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a secret (a password, a token) is found. Only the place is held here, never the value: a
 * source reads the value when it connects, so rotating the secret needs no restart, and printing
 * a configuration never prints a secret.
 */
public sealed interface Secret {

    /** A file whose content (trailing whitespace removed) is the secret, e.g. a mounted Kubernetes Secret. */
    record FromFile(Path file) implements Secret {
        public FromFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return "file " + file;
        }
    }

    /** An environment variable, named here, whose value is the secret. */
    record FromEnvironment(String variable) implements Secret {
        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

        public FromEnvironment {
            Objects.requireNonNull(variable, "variable");
            if (!NAME.matcher(variable).matches()) {
                throw new IllegalArgumentException("not an environment variable name: \"" + variable + "\"");
            }
        }

        @Override
        public String toString() {
            return "environment variable " + variable;
        }
    }
}
