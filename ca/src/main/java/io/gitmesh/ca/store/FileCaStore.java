package io.gitmesh.ca.store;

import io.gitmesh.ca.CaCredential;
import io.gitmesh.ca.CaMaterial;
import io.gitmesh.ca.Pem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CA kept as PEM files in one directory: {@code root.pem} and {@code root-key.pem}, and when there is an
 * intermediate, {@code intermediate.pem} and {@code intermediate-key.pem}. Keys are PKCS#8, created with
 * mode 0600; a key file that group or others may read is refused. The directory is created (0700) on first
 * use. On load, each key must match its certificate.
 */
public final class FileCaStore implements CaStore {
    public static final String ROOT_CERTIFICATE = "root.pem";
    public static final String ROOT_KEY = "root-key.pem";
    public static final String INTERMEDIATE_CERTIFICATE = "intermediate.pem";
    public static final String INTERMEDIATE_KEY = "intermediate-key.pem";

    private static final Logger LOG = LoggerFactory.getLogger(FileCaStore.class);

    private final Path directory;

    public FileCaStore(Path directory) {
        this.directory = directory;
    }

    @Override
    public String location() {
        return directory.toString();
    }

    @Override
    public Optional<CaMaterial> load() {
        if (Stream.of(ROOT_CERTIFICATE, ROOT_KEY, INTERMEDIATE_CERTIFICATE, INTERMEDIATE_KEY)
                .noneMatch(name -> Files.exists(directory.resolve(name)))) {
            return Optional.empty();
        }
        CaCredential root = credential(ROOT_CERTIFICATE, ROOT_KEY);
        Optional<CaCredential> intermediate = Files.exists(directory.resolve(INTERMEDIATE_CERTIFICATE))
                || Files.exists(directory.resolve(INTERMEDIATE_KEY))
                ? Optional.of(credential(INTERMEDIATE_CERTIFICATE, INTERMEDIATE_KEY)) : Optional.empty();
        try {
            return Optional.of(new CaMaterial(root, intermediate));
        } catch (IllegalArgumentException e) {
            throw new CaStoreException(directory + " does not hold a usable CA: " + e.getMessage());
        }
    }

    @Override
    public boolean createIfAbsent(CaMaterial material) {
        createDirectory();
        // the root key is written first, and only if absent: it decides who creates the CA
        if (!PemFiles.createSecret(directory.resolve(ROOT_KEY), Pem.privateKey(material.root().key()))) {
            return false;
        }
        PemFiles.replacePublic(directory.resolve(ROOT_CERTIFICATE), Pem.certificates(
                List.of(material.root().certificate())));
        material.intermediate().ifPresent(intermediate -> {
            PemFiles.replaceSecret(directory.resolve(INTERMEDIATE_KEY), Pem.privateKey(intermediate.key()));
            PemFiles.replacePublic(directory.resolve(INTERMEDIATE_CERTIFICATE), Pem.certificates(
                    List.of(intermediate.certificate())));
        });
        LOG.info("created CA directory={} trustDomain={} root={} intermediate={}", directory, material.trustDomain(),
                material.root().fingerprint(), material.intermediate().map(i -> i.fingerprint().toString()).orElse("none"));
        return true;
    }

    private void createDirectory() {
        try {
            if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new CaStoreException("cannot create the CA directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private CaCredential credential(String certificateName, String keyName) {
        Path certificateFile = directory.resolve(certificateName);
        Path keyFile = directory.resolve(keyName);
        for (Path file : new Path[] {certificateFile, keyFile}) {
            if (!Files.isRegularFile(file)) {
                throw new CaStoreException(directory + " holds an incomplete CA: " + file.getFileName()
                        + " is missing; restore it from a backup, or remove the directory to create a new CA");
            }
        }
        PemFiles.requireOwnerOnly(keyFile);
        X509Certificate certificate = certificate(certificateFile);
        PrivateKey key = privateKey(keyFile);
        requireMatch(certificate, key, keyFile);
        try {
            return new CaCredential(certificate, key);
        } catch (IllegalArgumentException e) {
            throw new CaStoreException(certificateFile + ": " + e.getMessage());
        }
    }

    private static X509Certificate certificate(Path file) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(PemFiles.read(file).getBytes(StandardCharsets.US_ASCII)));
            if (certificates.size() != 1 || !(certificates.iterator().next() instanceof X509Certificate certificate)) {
                throw new CaStoreException(file + " must hold exactly one X.509 certificate, found "
                        + certificates.size());
            }
            return certificate;
        } catch (CertificateException e) {
            throw new CaStoreException(file + " is not a PEM certificate: " + e.getMessage());
        }
    }

    /** PKCS#8 ({@code BEGIN PRIVATE KEY}), or the older SEC1 / PKCS#1 forms openssl writes. */
    private static PrivateKey privateKey(Path file) {
        try (PEMParser parser = new PEMParser(new StringReader(PemFiles.read(file)))) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return switch (parsed) {
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
                case null -> throw new CaStoreException(file + " holds no PEM private key");
                default -> throw new CaStoreException(file + " holds a " + parsed.getClass().getSimpleName()
                        + ", not an unencrypted private key (BEGIN PRIVATE KEY)");
            };
        } catch (IOException e) {
            // the message describes the PEM problem; the key itself never appears in it
            throw new CaStoreException(file + " is not a readable PEM private key: " + e.getMessage());
        }
    }

    /** Signs a fixed message with the key and checks it with the certificate: catches files from two different CAs. */
    private static void requireMatch(X509Certificate certificate, PrivateKey key, Path keyFile) {
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] message = "gitmesh CA key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(message);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's fails here: reported below
        }
        throw new CaStoreException(keyFile + " is not the key of the certificate next to it: restore the matching"
                + " pair, or remove the directory to create a new CA");
    }
}
