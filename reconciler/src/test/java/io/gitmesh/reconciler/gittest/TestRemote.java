package io.gitmesh.reconciler.gittest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A bare repository on disk that tests write commits into directly (no working tree, no push):
 * each commit's tree is given whole as a {@link Snapshot}. Times are fixed and increase by a minute
 * per commit, so ids are the same on every run.
 */
public final class TestRemote implements AutoCloseable {
    private static final Instant START = Instant.ofEpochSecond(1_700_000_000L);

    private final Path directory;
    private final Repository repository;
    private int commits;

    private TestRemote(Path directory, Repository repository) {
        this.directory = directory;
        this.repository = repository;
    }

    /** A new, empty bare repository at {@code directory}, whose HEAD names {@code main}. */
    public static TestRemote create(Path directory) {
        try {
            Repository repository = new FileRepositoryBuilder().setGitDir(directory.toFile()).setBare().build();
            repository.create(true);
            RefUpdate head = repository.updateRef(Constants.HEAD);
            head.link(Constants.R_HEADS + "main");
            return new TestRemote(directory, repository);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Repository repository() {
        return repository;
    }

    public Path directory() {
        return directory;
    }

    /** A {@code file://} URL for the repository. */
    public String url() {
        return directory.toUri().toString();
    }

    /** Commits {@code files} on top of {@code branch} (creating it) and moves the branch there. */
    public ObjectId commit(String branch, String message, Snapshot files) {
        return commit(branch, message, files, null);
    }

    /**
     * Like {@link #commit(String, String, Snapshot)}, signed: {@code signer} gets the commit as it
     * would be without a signature and returns the ASCII-armored signature.
     */
    public ObjectId commit(String branch, String message, Snapshot files, UnaryOperator<byte[]> signer) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId parent = repository.resolve(Constants.R_HEADS + branch);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(files.write(inserter));
            if (parent != null) {
                commit.setParentId(parent);
            }
            PersonIdent who = new PersonIdent("Test Author", "author@example.com",
                    START.plusSeconds(60L * commits++), ZoneOffset.UTC);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            if (signer != null) {
                commit.setGpgSignature(new GpgSignature(signer.apply(commit.build())));
            }
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            moveRef(Constants.R_HEADS + branch, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points {@code branch} at {@code commit}, whatever it pointed at (what a force push does). */
    public void forceBranch(String branch, ObjectId commit) {
        moveRef(Constants.R_HEADS + branch, commit);
    }

    /** A lightweight tag (moved by force when it exists). */
    public void tag(String name, ObjectId commit) {
        moveRef(Constants.R_TAGS + name, commit);
    }

    /** An annotated tag object pointing at {@code commit}. */
    public void annotatedTag(String name, ObjectId commit) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            TagBuilder tag = new TagBuilder();
            tag.setTag(name);
            tag.setObjectId(commit, Constants.OBJ_COMMIT);
            tag.setTagger(new PersonIdent("Tagger", "tagger@example.com", START, ZoneOffset.UTC));
            tag.setMessage("release " + name + "\n");
            ObjectId id = inserter.insert(tag);
            inserter.flush();
            moveRef(Constants.R_TAGS + name, id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void moveRef(String name, ObjectId id) {
        try {
            RefUpdate update = repository.updateRef(name);
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                    && result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NO_CHANGE) {
                throw new IllegalStateException("cannot move " + name + ": " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        repository.close();
    }

    /** The whole tree of one commit: files, symbolic links and submodules by path. */
    public static final class Snapshot {
        private record Entry(FileMode mode, byte[] content) {
        }

        private final Map<String, Entry> entries = new LinkedHashMap<>();

        public static Snapshot of(String... pathsAndTexts) {
            Snapshot snapshot = new Snapshot();
            for (int i = 0; i < pathsAndTexts.length; i += 2) {
                snapshot.file(pathsAndTexts[i], pathsAndTexts[i + 1]);
            }
            return snapshot;
        }

        public Snapshot file(String path, String text) {
            return file(path, text.getBytes(UTF_8));
        }

        public Snapshot file(String path, byte[] content) {
            entries.put(path, new Entry(FileMode.REGULAR_FILE, content));
            return this;
        }

        public Snapshot symbolicLink(String path, String target) {
            entries.put(path, new Entry(FileMode.SYMLINK, target.getBytes(UTF_8)));
            return this;
        }

        /** A gitlink: the path names a commit of another repository. */
        public Snapshot submodule(String path, ObjectId commit) {
            entries.put(path, new Entry(FileMode.GITLINK, commit.name().getBytes(UTF_8)));
            return this;
        }

        /** A copy with {@code path} removed. */
        public Snapshot without(String path) {
            Snapshot copy = copy();
            copy.entries.remove(path);
            return copy;
        }

        /** A copy with {@code path} set to {@code text}. */
        public Snapshot with(String path, String text) {
            return copy().file(path, text);
        }

        private Snapshot copy() {
            Snapshot copy = new Snapshot();
            copy.entries.putAll(entries);
            return copy;
        }

        ObjectId write(ObjectInserter inserter) throws IOException {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(e.getKey());
                entry.setFileMode(e.getValue().mode());
                entry.setObjectId(e.getValue().mode() == FileMode.GITLINK
                        ? ObjectId.fromString(new String(e.getValue().content(), UTF_8))
                        : inserter.insert(Constants.OBJ_BLOB, e.getValue().content()));
                builder.add(entry);
            }
            builder.finish();
            return index.writeTree(inserter);
        }
    }
}
