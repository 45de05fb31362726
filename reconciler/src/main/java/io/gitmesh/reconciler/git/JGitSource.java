package io.gitmesh.reconciler.git;

import io.gitmesh.reconciler.source.Ancestry;
import io.gitmesh.reconciler.source.CommitId;
import io.gitmesh.reconciler.source.GitRepositoryConfig;
import io.gitmesh.reconciler.source.GitSource;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.PathChange;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.reconciler.source.Reference;
import io.gitmesh.reconciler.source.ResolvedCommit;
import io.gitmesh.reconciler.source.SignatureVerification;
import io.gitmesh.reconciler.source.Signer;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.SourceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link GitSource} backed by JGit: a bare copy of the remote in a cache directory, brought up to
 * date by a fetch of every branch and tag with forced refspecs (a force-pushed branch or a moved tag
 * replaces the old one, and deleted refs are pruned), and commits read straight from their trees.
 * The first {@link #resolve} creates the copy; later ones fetch only what is new.
 */
public final class JGitSource implements GitSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JGitSource.class);
    private static final String REMOTE_BRANCHES = "refs/remotes/origin/";
    private static final List<RefSpec> REFSPECS = List.of(
            new RefSpec("+" + Constants.R_HEADS + "*:" + REMOTE_BRANCHES + "*"),
            new RefSpec("+" + Constants.R_TAGS + "*:" + Constants.R_TAGS + "*"));

    /** More packs than this (each fetch that brings anything adds one) and {@link #maintain} repacks: git's and JGit's default. */
    static final int PACK_LIMIT = 50;

    private final GitRepositoryConfig config;
    private final Path cacheDirectory;
    private final int packLimit;
    private final CommitTreeReader trees;
    private final RemoteAccess access;
    private final Optional<CommitSignatureVerifier> verifier;
    private Repository repository;
    private RepositoryReader reader;
    private ObjectId lastResolved;
    private boolean fetchedObjects;

    /**
     * @param cacheDirectory where the bare copy lives: created when absent, reused when it holds a
     *                       git repository, refused when it holds anything else
     */
    public JGitSource(GitRepositoryConfig config, Path cacheDirectory, Limits limits) {
        this(config, cacheDirectory, limits, System::getenv);
    }

    JGitSource(GitRepositoryConfig config, Path cacheDirectory, Limits limits, UnaryOperator<String> environment) {
        this(config, cacheDirectory, limits, environment, PACK_LIMIT);
    }

    JGitSource(GitRepositoryConfig config, Path cacheDirectory, Limits limits, UnaryOperator<String> environment,
            int packLimit) {
        this.config = config;
        this.cacheDirectory = cacheDirectory.toAbsolutePath();
        this.packLimit = packLimit;
        this.trees = new CommitTreeReader(limits, config.maxTotalBytes());
        this.access = new RemoteAccess(config.credentials(), new SecretReader(environment), this.cacheDirectory);
        this.verifier = switch (config.verification()) {
            case SignatureVerification.Off off -> Optional.empty();
            case SignatureVerification.Head head -> Optional.of(new CommitSignatureVerifier(head.trustedKeys()));
        };
    }

    @Override
    public synchronized ResolvedCommit resolve(Optional<CommitId> lastApplied) throws GitSourceException {
        Repository repo = repository();
        FetchResult fetched = fetch(repo);
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(target(repo, walk.getObjectReader(), fetched));
            Optional<Signer> signer = verifier.isPresent() ? Optional.of(verifier.get().verify(commit)) : Optional.empty();
            ResolvedCommit resolved = new ResolvedCommit(RepositoryReader.commitOf(commit),
                    ancestry(repo, walk, commit, lastApplied), signer);
            logResolved(resolved, commit);
            return resolved;
        } catch (IncorrectObjectTypeException e) {
            throw GitSourceException.userMustFix(config.reference() + " in " + config.url() + " does not name a commit");
        } catch (IOException e) {
            throw reader.readFailure(e);
        }
    }

    @Override
    public synchronized SourceFiles files(CommitId commit, PolicyPaths paths) throws GitSourceException {
        return reader().files(commit, paths);
    }

    @Override
    public synchronized List<PathChange> changedPaths(CommitId from, CommitId to, PolicyPaths paths)
            throws GitSourceException {
        return reader().changedPaths(from, to, paths);
    }

    /**
     * Repacks the cache into one pack once fetches have left more than {@value #PACK_LIMIT} packs (the
     * replaced ones are deleted at once), so that object look-ups stay fast. JGit would otherwise do it
     * inside the fetch that crosses the limit, and the commit that fetch brought would wait for it.
     */
    @Override
    public synchronized void maintain() {
        if (repository == null || !fetchedObjects) {
            return;
        }
        fetchedObjects = false;
        long start = System.nanoTime();
        try {
            long packs = packs();
            if (packs > packLimit) {
                try (Git git = Git.wrap(repository)) {
                    git.gc().call();
                }
                LOG.info("repacked the cache of repository={} packs={} in {} ms", config.url(), packs,
                        (System.nanoTime() - start) / 1_000_000);
            }
        } catch (IOException | GitAPIException | JGitInternalException e) {
            LOG.warn("repacking the cache of repository={} failed ({}); it serves as it is", config.url(),
                    e.getClass().getSimpleName());
        }
    }

    private long packs() throws IOException {
        try (Stream<Path> files = Files.list(cacheDirectory.resolve("objects").resolve("pack"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".pack")).count();
        }
    }

    @Override
    public synchronized void close() {
        access.close();
        if (repository != null) {
            repository.close();
            repository = null;
            reader = null;
        }
    }

    @Override
    public String toString() {
        return "JGitSource[" + config.url() + ", " + config.reference() + "]";
    }

    /** A new commit is worth a line at INFO once; resolving it again (while it is not applied) is not. */
    private void logResolved(ResolvedCommit resolved, RevCommit commit) {
        String abbreviated = commit.abbreviate(7).name();
        if (commit.equals(lastResolved)) {
            LOG.debug("unchanged repository={} {} commit={} ancestry={}", config.url(), config.reference(), abbreviated,
                    resolved.ancestry());
        } else {
            LOG.info("resolved repository={} {} commit={} ancestry={}{}", config.url(), config.reference(), abbreviated,
                    resolved.ancestry(), resolved.signer().map(s -> " signer=" + s.keyId()).orElse(""));
            lastResolved = commit.copy();
        }
    }

    private FetchResult fetch(Repository repo) throws GitSourceException {
        long start = System.nanoTime();
        try (Git git = Git.wrap(repo); RemoteAccess.Authentication authentication = access.authenticate()) {
            FetchCommand fetch = git.fetch()
                    .setRemote(config.url())
                    .setRefSpecs(REFSPECS)
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setRemoveDeletedRefs(true)
                    .setTimeout((int) config.timeout().toSeconds());
            authentication.configure(fetch);
            try {
                FetchResult result = fetch.call();
                fetchedObjects |= !result.getTrackingRefUpdates().isEmpty();
                LOG.debug("fetched repository={} updates={} in {} ms", config.url(), result.getTrackingRefUpdates().size(),
                        (System.nanoTime() - start) / 1_000_000);
                return result;
            } catch (GitAPIException | JGitInternalException e) {
                LOG.debug("fetch failed repository={} causes={}", config.url(), FetchFailures.causes(e, authentication));
                throw FetchFailures.translate(e, config.url(), access, authentication);
            }
        }
    }

    /** The commit (or annotated tag) the configured reference names after the fetch. */
    private ObjectId target(Repository repo, ObjectReader objects, FetchResult fetched)
            throws GitSourceException, IOException {
        return switch (config.reference()) {
            case Reference.Branch branch -> existing(repo, REMOTE_BRANCHES + branch.name());
            case Reference.Tag tag -> existing(repo, Constants.R_TAGS + tag.name());
            case Reference.DefaultBranch head -> Optional.ofNullable(fetched.getAdvertisedRef(Constants.HEAD))
                    .map(Ref::getObjectId)
                    .orElseThrow(() -> GitSourceException.userMustFix(config.url()
                            + " has no default branch (its HEAD names no commit); name a branch to follow"));
            case Reference.Pinned pinned -> pinnedCommit(objects, pinned);
        };
    }

    private ObjectId existing(Repository repo, String refName) throws GitSourceException, IOException {
        Ref ref = repo.exactRef(refName);
        if (ref == null) {
            throw GitSourceException.userMustFix(config.reference() + " does not exist in " + config.url());
        }
        return ref.getObjectId();
    }

    private ObjectId pinnedCommit(ObjectReader objects, Reference.Pinned pinned) throws GitSourceException, IOException {
        Collection<ObjectId> candidates = objects.resolve(AbbreviatedObjectId.fromString(pinned.commit()));
        if (candidates.size() > 1) {
            throw GitSourceException.userMustFix("commit " + pinned.commit() + " is ambiguous in " + config.url()
                    + "; give more digits");
        }
        return candidates.stream().findFirst().orElseThrow(() -> GitSourceException.userMustFix("commit "
                + pinned.commit() + " is not reachable from any branch or tag of " + config.url()));
    }

    /**
     * After a full fetch every ancestor of the new commit is present, so a previous commit that is
     * missing from the copy cannot be one.
     */
    private static Ancestry ancestry(Repository repo, RevWalk walk, RevCommit commit, Optional<CommitId> lastApplied)
            throws IOException {
        if (lastApplied.isEmpty()) {
            return Ancestry.NO_PREVIOUS;
        }
        ObjectId previous = ObjectId.fromString(lastApplied.get().hex());
        if (previous.equals(commit)) {
            return Ancestry.SAME;
        }
        if (!repo.getObjectDatabase().has(previous)) {
            return Ancestry.NOT_DESCENDANT;
        }
        return walk.isMergedInto(walk.parseCommit(previous), commit) ? Ancestry.DESCENDANT : Ancestry.NOT_DESCENDANT;
    }

    private RepositoryReader reader() throws GitSourceException {
        repository();
        return reader;
    }

    private Repository repository() throws GitSourceException {
        if (repository == null) {
            repository = openCache();
            reader = new RepositoryReader(repository, trees, config.url());
        }
        return repository;
    }

    private Repository openCache() throws GitSourceException {
        try {
            Repository repo = new FileRepositoryBuilder().setGitDir(cacheDirectory.toFile()).setBare().build();
            if (!RepositoryCache.FileKey.isGitRepository(cacheDirectory.toFile(), FS.DETECTED)) {
                if (Files.isDirectory(cacheDirectory) && !isEmpty(cacheDirectory)) {
                    repo.close();
                    throw GitSourceException.userMustFix("the cache directory " + cacheDirectory
                            + " holds files but no git repository; empty it or choose another");
                }
                repo.create(true);
            }
            configureHousekeeping(repo);
            return repo;
        } catch (IOException | IllegalStateException e) {
            throw GitSourceException.userMustFix("cannot create the cache directory " + cacheDirectory + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * JGit runs automatic gc at the end of a fetch once the packs pile up (one per fetch), and the
     * commit just fetched would wait for the repack: the cache turns that off ({@code gc.auto} and
     * {@code gc.autoPackLimit} 0) and {@link #maintain} repacks after the pass instead. When gc
     * repacks, the packs it replaced must go at once: JGit keeps them for an hour by default (for other
     * processes reading them), which would leave the count over the limit and every following pass
     * repacking. Only this source reads its cache, and not while it repacks.
     */
    private static void configureHousekeeping(Repository repo) throws IOException {
        StoredConfig settings = repo.getConfig();
        boolean changed = false;
        for (String key : List.of(ConfigConstants.CONFIG_KEY_AUTO, ConfigConstants.CONFIG_KEY_AUTOPACKLIMIT)) {
            if (settings.getInt(ConfigConstants.CONFIG_GC_SECTION, key, -1) != 0) {
                settings.setInt(ConfigConstants.CONFIG_GC_SECTION, null, key, 0);
                changed = true;
            }
        }
        if (settings.getBoolean(ConfigConstants.CONFIG_GC_SECTION, ConfigConstants.CONFIG_KEY_AUTODETACH, true)) {
            settings.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
            changed = true;
        }
        if (settings.getString(ConfigConstants.CONFIG_GC_SECTION, null,
                ConfigConstants.CONFIG_KEY_PRUNEPACKEXPIRE) == null) {
            settings.setString(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_PRUNEPACKEXPIRE,
                    "now");
            changed = true;
        }
        if (changed) {
            settings.save();
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }
}
