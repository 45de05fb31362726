package io.gitmesh.reconciler.git;

import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.Position;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.SourceFile;
import io.gitmesh.schema.SourceFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the policy files of one tree walk (a commit's tree or a working tree) and what the walk
 * met on the way, applying the per-file and the total size limits. The walk asks before it reads:
 * a file over the limit is never loaded.
 */
final class PolicyFileCollector {
    private final Limits limits;
    private final long maxTotalBytes;
    private final String origin;
    private final List<SourceFile> files = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private long totalBytes;

    /** @param origin names what is walked in the total-size error, e.g. {@code commit ab12cd3} */
    PolicyFileCollector(Limits limits, long maxTotalBytes, String origin) {
        this.limits = limits;
        this.maxTotalBytes = maxTotalBytes;
        this.origin = origin;
    }

    void symbolicLink(String path) {
        diagnostics.add(Diagnostic.ofFile(Severity.INFO, path, Position.UNKNOWN,
                "symbolic link not followed (policy repositories are read without following links)"));
    }

    void submodule(String path) {
        diagnostics.add(Diagnostic.ofFile(Severity.INFO, path, Position.UNKNOWN,
                "submodule not read (policy is read from this repository only; copy the files in to use them)"));
    }

    /**
     * Whether a policy file of {@code size} bytes should be read. A file over the per-file limit is
     * reported and skipped.
     *
     * @throws GitSourceException when the files read so far and this one pass the total limit
     */
    boolean admit(String path, long size) throws GitSourceException {
        if (size > limits.maxFileBytes()) {
            tooLarge(path, size);
            return false;
        }
        totalBytes += size;
        if (totalBytes > maxTotalBytes) {
            throw GitSourceException.userMustFix("the policy files of " + origin + " add up to more than "
                    + maxTotalBytes + " bytes (the limit on the total read); narrow the policy paths or"
                    + " raise the limit");
        }
        return true;
    }

    void tooLarge(String path, long size) {
        diagnostics.add(limits.fileTooLarge(path, size));
    }

    void add(String path, byte[] content) {
        add(new SourceFile(path, content));
    }

    void add(SourceFile file) {
        files.add(file);
    }

    void unreadable(String path, String reason) {
        diagnostics.add(Diagnostic.ofFile(Severity.ERROR, path, Position.UNKNOWN, "cannot read: " + reason));
    }

    SourceFiles result() {
        return new SourceFiles(files, diagnostics);
    }
}
