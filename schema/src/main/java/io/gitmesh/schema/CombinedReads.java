package io.gitmesh.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A revision's file reads and their combination ({@link PolicyReader#combine(List, CombinedReads)}), kept
 * so that the next revision folds only the files that changed into it.
 */
public final class CombinedReads {
    /**
     * The files of one revision replaced in the next: {@code before.get(i)} by {@code after.get(i)},
     * at the same path; every other file is the very same read.
     */
    public record Replaced(List<FileRead> before, List<FileRead> after) {
        public Replaced {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }

        public boolean isEmpty() {
            return before.isEmpty();
        }
    }

    private final List<FileRead> files;
    private final PolicyRead read;
    private final boolean complete;

    CombinedReads(List<FileRead> files, PolicyRead read, boolean complete) {
        this.files = List.copyOf(files);
        this.read = read;
        this.complete = complete;
    }

    /** The reads combined, in path order. */
    public List<FileRead> files() {
        return files;
    }

    /** Their combination. */
    public PolicyRead read() {
        return read;
    }

    /**
     * Whether the combination holds every document and object of its files, in key order: none was
     * dropped as a duplicate.
     */
    public boolean complete() {
        return complete;
    }

    /**
     * The files replaced between these reads and {@code next} (both in path order), when both hold the
     * same paths; empty when a file was added, removed or renamed. Only replaced reads are looked at.
     */
    public Optional<Replaced> replacedBy(List<FileRead> next) {
        if (files.size() != next.size()) {
            return Optional.empty();
        }
        List<FileRead> before = new ArrayList<>();
        List<FileRead> after = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            FileRead was = files.get(i);
            FileRead is = next.get(i);
            if (was != is) {
                if (!was.path().equals(is.path())) {
                    return Optional.empty();
                }
                before.add(was);
                after.add(is);
            }
        }
        return Optional.of(new Replaced(before, after));
    }
}
