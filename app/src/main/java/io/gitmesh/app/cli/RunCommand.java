package io.gitmesh.app.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitmesh.app.run.ClusterSource;
import io.gitmesh.app.run.ControlPlane;
import io.gitmesh.app.run.KubernetesRuntime;
import io.gitmesh.app.run.XdsSecurity;
import io.gitmesh.reconciler.files.DirectoryGitSource;
import io.gitmesh.reconciler.files.DirectorySource;
import io.gitmesh.reconciler.git.JGitSource;
import io.gitmesh.reconciler.source.Credentials;
import io.gitmesh.reconciler.source.GitRepositoryConfig;
import io.gitmesh.reconciler.source.GitSource;
import io.gitmesh.reconciler.source.PolicyPaths;
import io.gitmesh.reconciler.mirror.MirrorSettings;
import io.gitmesh.reconciler.status.GitHost;
import io.gitmesh.reconciler.source.Reference;
import io.gitmesh.reconciler.source.Secret;
import io.gitmesh.reconciler.source.SignatureVerification;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.policy.MeshConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gitmesh run}: follow a repository and serve it over xDS until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Follow a policy repository and serve the mesh over xDS until stopped (Ctrl-C).",
            "--repo takes a git URL (https://, ssh://, file://), a local git repository, or a plain directory "
                + "(each content change is a revision)."})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--repo", required = true, paramLabel = "URL|DIR", description = "The policy repository.")
    String repo;

    @ArgGroup(exclusive = true)
    Ref ref = new Ref();

    static final class Ref {
        @Option(names = "--branch", paramLabel = "B", description = "Follow this branch (default: the remote's HEAD).")
        String branch;

        @Option(names = "--tag", paramLabel = "T", description = "Pin to this tag.")
        String tag;

        @Option(names = "--commit", paramLabel = "C", description = "Pin to this commit.")
        String commit;
    }

    @Option(names = "--path", paramLabel = "P", description = "Only read policy under this path (repeatable).")
    List<String> paths = List.of();

    @Option(names = "--interval", paramLabel = "D", defaultValue = "15s", converter = DurationConverter.class,
            description = "Poll interval, with ±10%% jitter (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--cluster", paramLabel = "kube|FILE",
            description = {"Where the cluster comes from: 'kube' for the API server (in-cluster config, or "
                + "KUBECONFIG / ~/.kube/config), or Kubernetes objects in a file or directory that stand in for it.",
                "Without it, policy references are not checked against a cluster."})
    String cluster;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "${env:GITMESH_NAMESPACE:-gitmesh-system}",
            description = "With --cluster kube: gitmesh's namespace, for the leader Lease and the Events "
                + "(default: $GITMESH_NAMESPACE, else gitmesh-system); the CA is the Secret gitmesh-ca there.")
    String namespace;

    @Option(names = "--injector-address", paramLabel = "A", converter = AddressConverter.class,
            description = "Serve the sidecar injector's admission webhook (HTTPS, POST /mutate-pods) here, "
                + "e.g. 0.0.0.0:9443; needs mTLS (the CA issues its certificate).")
    InetSocketAddress injectorAddress;

    @Option(names = "--injector-dns-name", paramLabel = "HOST",
            description = "A name the API server reaches the webhook by, put in its certificate (repeatable; "
                + "default: gitmesh-injector.<namespace>.svc).")
    List<String> injectorDnsNames = List.of();

    @Option(names = "--commit-status", paramLabel = "HOST:REPO",
            description = "Post each commit's outcome as a commit status 'gitmesh' on the git host: "
                + "github:OWNER/REPO or gitlab:PROJECT (id or group/project). Needs --commit-status-token-file.")
    String commitStatus;

    @Option(names = "--commit-status-api", paramLabel = "URL",
            description = "The git host's API (default: https://api.github.com, https://gitlab.com/api/v4).")
    URI commitStatusApi;

    @Option(names = "--commit-status-token-file", paramLabel = "FILE",
            description = "The API token for --commit-status, read from this file for each post; never printed.")
    Path commitStatusTokenFile;

    @Option(names = "--drift", paramLabel = "MODE", defaultValue = "correct",
            description = "With --cluster kube: what to do when someone edits a mirrored SMI object in the cluster: "
                + "correct (put it back) or warn (report only). Default: ${DEFAULT-VALUE}.")
    String drift;

    @Option(names = "--xds-address", paramLabel = "A", defaultValue = "127.0.0.1:15012",
            converter = AddressConverter.class, description = "xDS server address (default: ${DEFAULT-VALUE}).")
    InetSocketAddress xdsAddress;

    @Option(names = "--http-address", paramLabel = "A", defaultValue = "127.0.0.1:15014",
            converter = AddressConverter.class,
            description = "Health, metrics, status and webhook address (default: ${DEFAULT-VALUE}).")
    InetSocketAddress httpAddress;

    @Option(names = "--insecure-xds", description = "Plaintext xDS, no identity binding, no SDS secrets; only on a "
            + "loopback address (development).")
    boolean insecureXds;

    @Option(names = "--ca-dir", paramLabel = "DIR", description = "The CA for xDS over mTLS and the workload "
            + "certificates: created there on first start, reused afterwards (default: ~/.gitmesh/ca).")
    Path caDir;

    @Option(names = "--trust-domain", paramLabel = "D", defaultValue = MeshConfig.DEFAULT_TRUST_DOMAIN,
            description = "SPIFFE trust domain of a CA created on first start (default: ${DEFAULT-VALUE}).")
    String trustDomain;

    @Option(names = "--xds-server-name", paramLabel = "HOST", defaultValue = "localhost",
            description = "The host name workloads dial the xDS server by; a DNS name in its certificate "
                    + "(default: ${DEFAULT-VALUE}).")
    String xdsServerName;

    @Option(names = "--webhook-secret-file", paramLabel = "FILE",
            description = "Enables POST /hooks/git, verified by HMAC-SHA256 with this secret.")
    Path webhookSecretFile;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where the repository copy is kept.")
    Path cacheDir;

    @Option(names = "--git-username", paramLabel = "USER", description = "HTTP basic-auth user (with a token).")
    String gitUsername;

    @Option(names = "--git-token-file", paramLabel = "FILE", description = "HTTP token or password, from a file.")
    Path gitTokenFile;

    @Option(names = "--git-token-env", paramLabel = "VAR", description = "HTTP token or password, from a variable.")
    String gitTokenEnv;

    @Option(names = "--ssh-key", paramLabel = "FILE", description = "SSH private key (needs --known-hosts).")
    Path sshKey;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "SSH known_hosts; unknown hosts are refused.")
    Path knownHosts;

    @Option(names = "--trusted-keys", paramLabel = "FILE",
            description = "OpenPGP public keys; the commit to apply must be signed by one of them.")
    Path trustedKeys;

    @Override
    public Integer call() throws Exception {
        if (insecureXds && !xdsAddress.getAddress().isLoopbackAddress()) {
            throw new UserError("--insecure-xds is allowed only on a loopback address, not " + xdsAddress);
        }
        XdsSecurity security = insecureXds ? XdsSecurity.insecure() : mutualTls();
        if (injectorAddress != null && insecureXds) {
            throw new UserError("--injector-address needs the CA, so it cannot go with --insecure-xds");
        }
        Optional<byte[]> secret = Optional.empty();
        if (webhookSecretFile != null) {
            secret = Optional.of(Files.readString(webhookSecretFile).strip().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ClusterSource clusterSource = clusterSource();
        GitSource source = source();
        ControlPlane.Settings settings = new ControlPlane.Settings(xdsAddress, httpAddress, interval, security, secret);
        if (injectorAddress != null) {
            settings = settings.withInjector(new ControlPlane.Injector(injectorAddress, injectorDnsNames.isEmpty()
                    ? List.of("gitmesh-injector." + namespace + ".svc") : injectorDnsNames,
                    "gitmesh-injector", Set.of("inject.gitmesh.io")));
        }
        if (commitStatus != null) {
            settings = settings.withCommitStatus(commitStatus());
        }
        try (ControlPlane plane = ControlPlane.start(settings, source, paths.isEmpty() ? PolicyPaths.WHOLE_TREE : PolicyPaths.of(paths),
                clusterSource, Compilers.continuous())) {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "gitmesh-shutdown"));
            stopped.await();
        } finally {
            if (source instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        return 0;
    }

    private ControlPlane.CommitStatus commitStatus() {
        if (commitStatusTokenFile == null) {
            throw new UserError("--commit-status needs --commit-status-token-file");
        }
        int colon = commitStatus.indexOf(':');
        String kind = colon < 0 ? "" : commitStatus.substring(0, colon);
        String repository = colon < 0 ? "" : commitStatus.substring(colon + 1);
        GitHost host = switch (kind) {
            case "github" -> {
                String[] ownerRepo = repository.split("/");
                if (ownerRepo.length != 2 || ownerRepo[0].isEmpty() || ownerRepo[1].isEmpty()) {
                    throw new UserError("--commit-status github:OWNER/REPO, not " + commitStatus);
                }
                yield new GitHost.GitHub(commitStatusApi != null ? commitStatusApi : URI.create("https://api.github.com"),
                        ownerRepo[0], ownerRepo[1]);
            }
            case "gitlab" -> {
                if (repository.isEmpty()) {
                    throw new UserError("--commit-status gitlab:PROJECT, not " + commitStatus);
                }
                yield new GitHost.GitLab(commitStatusApi != null ? commitStatusApi
                        : URI.create("https://gitlab.com/api/v4"), repository);
            }
            default -> throw new UserError("--commit-status takes github:OWNER/REPO or gitlab:PROJECT, not "
                    + commitStatus);
        };
        return new ControlPlane.CommitStatus(host, new Secret.FromFile(commitStatusTokenFile));
    }

    private ClusterSource clusterSource() {
        if (!"kube".equals(cluster)) {
            Path files = cluster == null ? null : Path.of(cluster);
            return new ClusterSource.Files(() -> Inputs.clusterState(files, Limits.DEFAULT));
        }
        MirrorSettings.DriftMode mode = switch (drift) {
            case "correct" -> MirrorSettings.DriftMode.CORRECT;
            case "warn" -> MirrorSettings.DriftMode.WARN;
            default -> throw new UserError("--drift takes correct or warn, not " + drift);
        };
        Config config = Config.autoConfigure(null);
        config.setUserAgent("gitmesh/" + Version.number()); // names gitmesh as the manager of what it creates
        String replica = Optional.ofNullable(System.getenv("GITMESH_POD_NAME")).or(() -> Optional.ofNullable(
                System.getenv("HOSTNAME"))).orElse("gitmesh-" + ProcessHandle.current().pid());
        KubernetesRuntime.Settings defaults = KubernetesRuntime.Settings.defaults(namespace, replica);
        return new ClusterSource.Kubernetes(new KubernetesClientBuilder().withConfig(config).build(),
                defaults.withMirror(defaults.mirror().withDrift(mode)));
    }

    private XdsSecurity mutualTls() {
        Path dir = caDir != null ? caDir : Path.of(System.getProperty("user.home"), ".gitmesh", "ca");
        try {
            return new XdsSecurity.MutualTls(dir, trustDomain, xdsServerName);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private GitSource source() throws IOException {
        Path local = Path.of(repo);
        if (Files.isDirectory(local) && !Files.exists(local.resolve(".git")) && !repo.endsWith(".git")) {
            return new DirectoryGitSource(local, new DirectorySource(Limits.DEFAULT), Clock.systemUTC());
        }
        String url = Files.isDirectory(local) ? local.toAbsolutePath().toUri().toString() : repo;
        Reference reference = ref.branch != null ? new Reference.Branch(ref.branch)
                : ref.tag != null ? new Reference.Tag(ref.tag)
                : ref.commit != null ? new Reference.Pinned(ref.commit) : new Reference.DefaultBranch();
        GitRepositoryConfig config = GitRepositoryConfig.of(url, reference).withCredentials(credentials());
        if (trustedKeys != null) {
            config = config.withVerification(new SignatureVerification.Head(trustedKeys));
        }
        Path cache = cacheDir != null ? cacheDir : Path.of(System.getProperty("java.io.tmpdir"), "gitmesh-cache",
                HexFormat.of().formatHex(sha256(url)).substring(0, 16));
        Files.createDirectories(cache);
        return new JGitSource(config, cache, Limits.DEFAULT);
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Credentials credentials() {
        if (sshKey != null || knownHosts != null) {
            if (sshKey == null || knownHosts == null) {
                throw new UserError("--ssh-key and --known-hosts go together");
            }
            return new Credentials.SshKey(sshKey, knownHosts);
        }
        Secret token = gitTokenFile != null ? new Secret.FromFile(gitTokenFile)
                : gitTokenEnv != null ? new Secret.FromEnvironment(gitTokenEnv) : null;
        if (token == null) {
            return new Credentials.None();
        }
        return gitUsername != null ? new Credentials.HttpBasic(gitUsername, token) : new Credentials.HttpBearer(token);
    }
}
