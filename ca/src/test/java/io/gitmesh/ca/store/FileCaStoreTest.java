package io.gitmesh.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.IssuedCertificate;
import io.gitmesh.ca.LeafRequest;
import io.gitmesh.ca.MutableClock;
import io.gitmesh.ca.Pkix;
import io.gitmesh.ca.bc.BouncyCastleCertificateAuthority;
import io.gitmesh.ca.bc.CaMaterialGenerator;
import io.gitmesh.ca.bc.CaSettings;
import io.gitmesh.model.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA directory: created once with private keys readable by the owner only, then reused across restarts. */
class FileCaStoreTest {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();
    private final MutableClock clock = new MutableClock(START);
    private final CaMaterialGenerator generator = new CaMaterialGenerator(clock, RANDOM);

    @TempDir
    Path temp;

    @Test
    void theFirstStartCreatesTheCaWithOwnerOnlyKeys() throws Exception {
        Path dir = temp.resolve("ca");

        CaMaterial created = new FileCaStore(dir).loadOrCreate(() -> generator.generate(
                CaSettings.of("cluster.local").withIntermediate(true))).current();

        assertThat(permissions(dir)).isEqualTo("rwx------");
        assertThat(permissions(dir.resolve("root-key.pem"))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve("intermediate-key.pem"))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve("root.pem"))).isEqualTo("rw-r--r--");
        assertThat(Files.readString(dir.resolve("root-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(dir.resolve("root.pem"))).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(created.intermediate()).isPresent();
    }

    @Test
    void aRestartKeepsTheRootAndEarlierCertificatesStillVerify() {
        Path dir = temp.resolve("ca");
        CaMaterial first = new FileCaStore(dir).loadOrCreate(() -> generator.generate(CaSettings.of("mesh.example")))
                .current();
        IssuedCertificate before = BouncyCastleCertificateAuthority.of(first, clock, RANDOM)
                .issueWithNewKey(LeafRequest.of(new Identity("bookstore", "bookstore")));

        clock.advance(Duration.ofHours(2));
        CaMaterial reloaded = new FileCaStore(dir).loadOrCreate(() -> {
            throw new AssertionError("a CA exists: nothing must be generated");
        }).current();
        BouncyCastleCertificateAuthority restarted = BouncyCastleCertificateAuthority.of(reloaded, clock, RANDOM);

        assertThat(reloaded.root().fingerprint()).isEqualTo(first.root().fingerprint());
        assertThat(reloaded.trustDomain()).isEqualTo("mesh.example");
        assertThat(Pkix.isValid(before, restarted.trustBundle(), clock.instant())).isTrue();
        assertThat(Pkix.isValid(restarted.issueWithNewKey(LeafRequest.of(new Identity("bookbuyer", "bookbuyer"))),
                restarted.trustBundle(), clock.instant())).isTrue();
    }

    @Test
    void anExistingCaIsNeverOverwritten() throws Exception {
        FileCaStore store = new FileCaStore(temp);
        assertThat(store.createIfAbsent(generator.generate(CaSettings.of("cluster.local")))).isTrue();
        String rootBefore = Files.readString(temp.resolve("root.pem"));

        assertThat(store.createIfAbsent(generator.generate(CaSettings.of("cluster.local")))).isFalse();
        assertThat(Files.readString(temp.resolve("root.pem"))).isEqualTo(rootBefore);
    }

    @Test
    void anEmptyDirectoryHoldsNoCa() {
        assertThat(new FileCaStore(temp).load()).isEmpty();
    }

    @Test
    void aKeyReadableByOthersIsRefused() throws Exception {
        new FileCaStore(temp).createIfAbsent(generator.generate(CaSettings.of("cluster.local")));
        Path key = temp.resolve("root-key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> new FileCaStore(temp).load())
                .isInstanceOf(CaStoreException.class)
                .hasMessage("the key file " + key + " is accessible to group or others (rw-r--r--): a private key must"
                        + " be readable by its owner only; run chmod 600 " + key
                        + " if nobody else has read it, or create a new CA");
    }

    @Test
    void aMissingFileMakesAnIncompleteCa() throws Exception {
        new FileCaStore(temp).createIfAbsent(generator.generate(CaSettings.of("cluster.local")));
        Files.delete(temp.resolve("root.pem"));

        assertThatThrownBy(() -> new FileCaStore(temp).load())
                .isInstanceOf(CaStoreException.class)
                .hasMessageContaining("holds an incomplete CA: root.pem is missing");
    }

    @Test
    void aKeyFromAnotherCaIsRefused() throws Exception {
        Path other = temp.resolve("other");
        new FileCaStore(temp.resolve("ours")).createIfAbsent(generator.generate(CaSettings.of("cluster.local")));
        new FileCaStore(other).createIfAbsent(generator.generate(CaSettings.of("cluster.local")));
        Files.copy(other.resolve("root-key.pem"), temp.resolve("ours/root-key.pem"),
                StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> new FileCaStore(temp.resolve("ours")).load())
                .isInstanceOf(CaStoreException.class)
                .hasMessageContaining("root-key.pem is not the key of the certificate next to it");
    }

    @Test
    void keysNeverAppearInToString() {
        CaMaterial material = generator.generate(CaSettings.of("cluster.local").withIntermediate(true));
        String key = Base64.getEncoder().encodeToString(material.root().key().getEncoded());

        assertThat(material.toString()).contains("CaCredential[").doesNotContain(key.substring(key.length() - 32));
        assertThat(material.root().toString()).contains("key=EC").doesNotContain(key.substring(key.length() - 32));
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
