package io.gitmesh.reconciler.compile;

import io.gitmesh.schema.FileRead;
import io.gitmesh.schema.SourceFile;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Files already read, by path and content digest, so that a new revision re-parses only the files
 * that changed. The very file read before (the git source hands out the same {@link SourceFile} for an
 * unchanged blob) is found without a digest. Safe for the parallel reads of one revision;
 * {@link #retainOnly} drops files that left the repository.
 */
public final class ParseCache {
    private record Entry(SourceFile file, byte[] digest, FileRead read) { }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    FileRead read(SourceFile file, Function<SourceFile, FileRead> reader) {
        Entry cached = entries.get(file.path());
        if (cached != null && cached.file() == file) {
            return cached.read();
        }
        byte[] digest = digest(file);
        if (cached != null && Arrays.equals(cached.digest(), digest)) {
            entries.put(file.path(), new Entry(file, digest, cached.read()));
            return cached.read();
        }
        FileRead read = reader.apply(file);
        entries.put(file.path(), new Entry(file, digest, read));
        return read;
    }

    void retainOnly(Collection<SourceFile> files) {
        Set<String> paths = files.stream().map(SourceFile::path).collect(Collectors.toSet());
        entries.keySet().retainAll(paths);
    }

    public int size() {
        return entries.size();
    }

    private static byte[] digest(SourceFile file) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(file.content());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
