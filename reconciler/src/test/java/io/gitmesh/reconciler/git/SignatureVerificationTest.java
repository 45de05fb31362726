package io.gitmesh.reconciler.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.reconciler.gittest.OpenPgpTestKey;
import io.gitmesh.reconciler.gittest.TestRemote;
import io.gitmesh.reconciler.gittest.TestRemote.Snapshot;
import io.gitmesh.reconciler.source.GitRepositoryConfig;
import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.Reference;
import io.gitmesh.reconciler.source.ResolvedCommit;
import io.gitmesh.reconciler.source.SignatureVerification;
import io.gitmesh.reconciler.source.Signer;
import io.gitmesh.schema.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits signed with OpenPGP keys made in the test, checked against a keyring file. */
class SignatureVerificationTest {
    private static final Snapshot FILES = Snapshot.of("a.yaml", "a: 1\n");
    private static OpenPgpTestKey trusted;
    private static OpenPgpTestKey stranger;

    @TempDir
    Path temp;
    private TestRemote remote;
    private Path keyring;

    @BeforeAll
    static void createKeys() {
        trusted = OpenPgpTestKey.generate("Release Bot <release@example.com>");
        stranger = OpenPgpTestKey.generate("Mallory <mallory@example.com>");
    }

    @BeforeEach
    void createRemote() throws Exception {
        remote = TestRemote.create(temp.resolve("remote.git"));
        keyring = Files.write(temp.resolve("trusted.asc"), OpenPgpTestKey.exportPublic(List.of(trusted)));
    }

    @AfterEach
    void closeRemote() {
        remote.close();
    }

    private ResolvedCommit resolve() throws GitSourceException {
        GitRepositoryConfig config = GitRepositoryConfig.of(remote.url(), new Reference.Branch("main"))
                .withVerification(new SignatureVerification.Head(keyring));
        try (JGitSource source = new JGitSource(config, temp.resolve("cache"), Limits.DEFAULT)) {
            return source.resolve(Optional.empty());
        }
    }

    @Test
    void appliesACommitSignedByATrustedKey() throws Exception {
        ObjectId signed = remote.commit("main", "Signed", FILES, trusted::sign);
        ResolvedCommit resolved = resolve();
        assertThat(resolved.id().hex()).isEqualTo(signed.name());
        assertThat(resolved.signer()).contains(new Signer(trusted.keyId(), "Release Bot <release@example.com>"));
    }

    @Test
    void checksOnlyTheHeadCommit() throws Exception {
        remote.commit("main", "Unsigned ancestor", FILES);
        remote.commit("main", "Signed head", FILES.with("b.yaml", "b: 1\n"), trusted::sign);
        assertThat(resolve().signer()).isPresent();
    }

    @Test
    void refusesAnUnsignedCommit() {
        ObjectId unsigned = remote.commit("main", "Unsigned", FILES);
        assertThatThrownBy(this::resolve)
                .isInstanceOfSatisfying(GitSourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(GitSourceException.Kind.USER_MUST_FIX))
                .hasMessage("commit " + unsigned.name().substring(0, 7) + " is not signed; signature verification"
                        + " requires the commit to be signed by a key in " + keyring + " (not applied)");
    }

    @Test
    void refusesACommitSignedByAKeyNotInTheKeyring() {
        remote.commit("main", "Signed by a stranger", FILES, stranger::sign);
        assertThatThrownBy(this::resolve)
                .hasMessageContaining("is signed by key " + stranger.keyId() + ", which is not among the trusted keys");
    }

    @Test
    void refusesACommitWhoseSignatureCoversOtherContent() {
        remote.commit("main", "Forged", FILES, payload -> trusted.sign("something else".getBytes(UTF_8)));
        assertThatThrownBy(this::resolve)
                .hasMessageContaining("has a signature by key " + trusted.keyId() + " that does not match its content");
    }

    @Test
    void refusesACommitSignedByARevokedKey() throws Exception {
        Files.write(keyring, trusted.exportRevoked());
        remote.commit("main", "Signed, key revoked since", FILES, trusted::sign);
        assertThatThrownBy(this::resolve).hasMessageContaining("is signed by key " + trusted.keyId() + ", which is revoked");
    }

    @Test
    void refusesSshSignatures() {
        remote.commit("main", "SSH signed", FILES,
                payload -> "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n".getBytes(UTF_8));
        assertThatThrownBy(this::resolve)
                .hasMessageContaining("carries a SSH signature; only OpenPGP signatures are verified");
    }

    @Test
    void aKeyringThatCannotBeReadIsForTheUserToFix() throws Exception {
        Files.writeString(keyring, "not a keyring\n");
        remote.commit("main", "Signed", FILES, trusted::sign);
        assertThatThrownBy(this::resolve)
                .isInstanceOfSatisfying(GitSourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(GitSourceException.Kind.USER_MUST_FIX))
                .hasMessageContaining("the trusted keys file " + keyring + " holds no OpenPGP public key");
    }

    @Test
    void aMissingKeyringIsForTheUserToFix() throws Exception {
        Files.delete(keyring);
        remote.commit("main", "Signed", FILES, trusted::sign);
        assertThatThrownBy(this::resolve)
                .hasMessageContaining("the trusted keys file " + keyring + " cannot be read as an OpenPGP public keyring");
    }
}
