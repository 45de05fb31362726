package io.gitmesh.reconciler.gittest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/**
 * An OpenPGP signing key made in the test (ECDSA P-256, no passphrase), able to sign commits the
 * way {@code git commit -S} does (a detached, ASCII-armored signature over the commit object) and
 * to export its public key as gpg would.
 */
public final class OpenPgpTestKey {
    private final PGPKeyPair pair;
    private final PGPPublicKeyRing publicRing;

    private OpenPgpTestKey(PGPKeyPair pair, PGPPublicKeyRing publicRing) {
        this.pair = pair;
        this.publicRing = publicRing;
    }

    public static OpenPgpTestKey generate(String userId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            PGPKeyPair pair = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.ECDSA, generator.generateKeyPair(),
                    new Date(1_700_000_000_000L));
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId,
                    new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1), null, null,
                    signer(pair), null);
            return new OpenPgpTestKey(pair, rings.generatePublicKeyRing());
        } catch (GeneralSecurityException | PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key id as gitmesh reports it: 16 uppercase hex digits. */
    public String keyId() {
        return String.format(Locale.ROOT, "%016X", pair.getKeyID());
    }

    /** A detached, ASCII-armored signature over {@code payload}. */
    public byte[] sign(byte[] payload) {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(signer(pair), pair.getPublicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
            generator.update(payload);
            return armor(generator.generate()::encode);
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public keys of {@code keys}, armored, as {@code gpg --export --armor} writes a keyring file. */
    public static byte[] exportPublic(List<OpenPgpTestKey> keys) {
        PGPPublicKeyRingCollection collection = new PGPPublicKeyRingCollection(
                keys.stream().map(key -> key.publicRing).toList());
        return armor(collection::encode);
    }

    /** This key's public keyring with a revocation of the key added. */
    public byte[] exportRevoked() {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(signer(pair), pair.getPublicKey());
            generator.init(PGPSignature.KEY_REVOCATION, pair.getPrivateKey());
            PGPPublicKey revoked = PGPPublicKey.addCertification(pair.getPublicKey(),
                    generator.generateCertification(pair.getPublicKey()));
            PGPPublicKeyRing ring = PGPPublicKeyRing.insertPublicKey(publicRing, revoked);
            return armor(ring::encode);
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JcaPGPContentSignerBuilder signer(PGPKeyPair pair) {
        return new JcaPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256);
    }

    private interface Encoder {
        void encode(OutputStream out) throws IOException;
    }

    private static byte[] armor(Encoder encoder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
            encoder.encode(armored);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
