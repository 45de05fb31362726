package io.gitmesh.injector.mutate;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Optional;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ({@code 100m}, {@code 128Mi}, {@code 1.5}, {@code 1e3}), non-negative. */
final class Quantities {
    private static final Pattern QUANTITY =
            Pattern.compile("\\+?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[KMGTPE]i|[mkMGTPE]|[eE][+-]?[0-9]+)?");

    private Quantities() {
    }

    /** What is wrong with {@code text} as a resource quantity, if anything. */
    static Optional<String> problem(String text) {
        if (QUANTITY.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of("\"" + text + "\" is not a Kubernetes quantity (like 100m, 0.5, 128Mi or 1G)");
    }

    /** Compares two valid quantities by amount ({@code 1000m} equals {@code 1}). */
    static int compare(String a, String b) {
        return new Quantity(a).getNumericalAmount().compareTo(new Quantity(b).getNumericalAmount());
    }
}
