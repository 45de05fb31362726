package io.gitmesh.reconciler.compile;

import io.gitmesh.schema.FileRead;
import io.gitmesh.schema.SourceFile;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Files already read, by path and content digest, so that a new revision re-parses only the files
 * that changed. The git source hands out the same {@link SourceFile} for an unchanged blob, and the
 * files of a revision come in path order: a file that is the very one at the same place in the last
 * revision's list takes that revision's read without a look-up, so a revision costs a pass over its
 * list plus the work for the files that changed. The others are found by path, then by digest, and
 * parsed (in parallel when there are several) only when their content is new. Files that left the
 * repository are dropped.
 */
public final class ParseCache {
    private record Entry(SourceFile file, byte[] digest, FileRead read) { }

    /** A file of the revision at {@code index} in its list whose content was not read before. */
    private record Unread(int index, byte[] digest) { }

    private final Map<String, Entry> entries = new HashMap<>();
    private List<SourceFile> lastFiles = List.of();
    private List<FileRead> lastReads = List.of();

    /** The reads of {@code files}, in their order; {@code reader} for those whose content is new. */
    synchronized List<FileRead> read(List<SourceFile> files, Function<SourceFile, FileRead> reader) {
        FileRead[] reads = new FileRead[files.size()];
        List<Unread> unread = new ArrayList<>();
        boolean samePaths = files.size() == lastFiles.size();
        for (int i = 0; i < reads.length; i++) {
            SourceFile file = files.get(i);
            if (samePaths && file == lastFiles.get(i)) {
                reads[i] = lastReads.get(i);
            } else {
                samePaths = samePaths && file.path().equals(lastFiles.get(i).path());
                reads[i] = cached(file, i, unread);
            }
        }
        parse(files, unread, reader, reads);
        if (!samePaths) {
            Set<String> paths = files.stream().map(SourceFile::path).collect(Collectors.toSet());
            entries.keySet().retainAll(paths);
        }
        lastFiles = List.copyOf(files);
        lastReads = List.of(reads);
        return lastReads;
    }

    public synchronized int size() {
        return entries.size();
    }

    /**
     * The read of a file read before, by path, as the same file or the same content; else null, and
     * the file joins {@code unread}.
     */
    private FileRead cached(SourceFile file, int index, List<Unread> unread) {
        Entry entry = entries.get(file.path());
        if (entry != null && entry.file() == file) {
            return entry.read();
        }
        byte[] digest = digest(file);
        if (entry != null && Arrays.equals(entry.digest(), digest)) {
            entries.put(file.path(), new Entry(file, digest, entry.read()));
            return entry.read();
        }
        unread.add(new Unread(index, digest));
        return null;
    }

    /** Parses the files not read before (files are independent: in parallel when there are several). */
    private void parse(List<SourceFile> files, List<Unread> unread, Function<SourceFile, FileRead> reader,
            FileRead[] reads) {
        (unread.size() > 1 ? unread.parallelStream() : unread.stream())
                .forEach(u -> reads[u.index()] = reader.apply(files.get(u.index())));
        for (Unread u : unread) {
            SourceFile file = files.get(u.index());
            entries.put(file.path(), new Entry(file, u.digest(), reads[u.index()]));
        }
    }

    private static byte[] digest(SourceFile file) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(file.content());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
