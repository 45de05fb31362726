package io.gitmesh.injector;

import java.util.Collection;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A Kubernetes object that does not fit the model, said for people: where (a JSON pointer from the
 * object's root) and what was expected there, not Java types.
 */
public final class ReadProblems {
    private ReadProblems() {
    }

    /**
     * E.g. {@code /spec/containers/0/ports/0/containerPort must be a number}.
     *
     * @param root the pointer of the part that was read, within what the person wrote ("" for all of it)
     */
    public static String describe(String root, JacksonException e) {
        StringBuilder pointer = new StringBuilder(root);
        for (JacksonException.Reference reference : e.getPath()) {
            pointer.append('/').append(reference.getPropertyName() != null
                    ? reference.getPropertyName().replace("~", "~0").replace("/", "~1")
                    : Integer.toString(reference.getIndex()));
        }
        String where = pointer.isEmpty() ? "the object" : pointer.toString();
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return where + " must be " + expected(mismatch.getTargetType());
        }
        return where + ": " + e.getOriginalMessage();
    }

    private static String expected(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) ? "a map" : "an object";
    }
}
