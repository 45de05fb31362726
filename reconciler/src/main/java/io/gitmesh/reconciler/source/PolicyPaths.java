package io.gitmesh.reconciler.source;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Where in a repository the policy lives: directories or single files, relative to the root and
 * {@code /}-separated. No roots means the whole tree. Below a root, folders whose name starts with
 * a dot ({@code .github}, {@code .git-crypt}) are skipped; a dot-folder named as a root, or on the
 * way to one, is read.
 *
 * @param roots normalised (no {@code ./}, no trailing {@code /}), distinct and sorted
 */
public record PolicyPaths(List<String> roots) {
    public static final PolicyPaths WHOLE_TREE = new PolicyPaths(List.of());

    public PolicyPaths {
        roots = roots.stream().map(PolicyPaths::normalise).distinct().sorted().toList();
    }

    public static PolicyPaths of(String... roots) {
        return new PolicyPaths(Arrays.asList(roots));
    }

    public static PolicyPaths of(Collection<String> roots) {
        return new PolicyPaths(List.copyOf(roots));
    }

    public boolean isWholeTree() {
        return roots.isEmpty();
    }

    /** Whether a walk of the tree should descend into {@code directory}. */
    public boolean entersDirectory(String directory) {
        if (leadsToRoot(directory)) {
            return true;
        }
        return withinRoot(directory) && !name(directory).startsWith(".");
    }

    /** Whether {@code file} lies under a root and under no skipped dot-folder. */
    public boolean includes(String file) {
        if (!withinRoot(file)) {
            return false;
        }
        for (int slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
            if (!entersDirectory(file.substring(0, slash))) {
                return false;
            }
        }
        return true;
    }

    /** {@code path} is a root or an ancestor of one. */
    private boolean leadsToRoot(String path) {
        return roots.stream().anyMatch(root -> root.equals(path) || root.startsWith(path + "/"));
    }

    /** {@code path} is a root or lies below one. */
    private boolean withinRoot(String path) {
        return isWholeTree() || roots.stream().anyMatch(root -> path.equals(root) || path.startsWith(root + "/"));
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String normalise(String root) {
        String path = root.strip();
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty() || path.equals(".")) {
            throw new IllegalArgumentException("empty policy path \"" + root + "\" (leave the paths out to read the whole tree)");
        }
        if (path.startsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException("policy path \"" + root + "\" must be relative to the repository root and /-separated");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("policy path \"" + root + "\" has an empty, . or .. segment");
            }
        }
        return path;
    }
}
