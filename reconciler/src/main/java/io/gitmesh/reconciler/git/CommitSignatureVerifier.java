package io.gitmesh.reconciler.git;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.Signer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.util.Date;
import java.util.Iterator;
import java.util.Locale;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Checks a commit's OpenPGP signature against a file of trusted public keys, read on every check
 * so that adding or removing a key needs no restart. Trust is membership in the file: there is no
 * web of trust. A commit passes only with a valid signature, made by a key (or subkey) in the file,
 * that was neither revoked nor expired when it signed.
 */
final class CommitSignatureVerifier {
    private static final byte[] SIGNATURE_HEADER = "gpgsig".getBytes(US_ASCII);
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final Path trustedKeys;

    CommitSignatureVerifier(Path trustedKeys) {
        this.trustedKeys = trustedKeys;
    }

    /** The signer of {@code commit}, or a {@link GitSourceException.Kind#USER_MUST_FIX} error saying why not. */
    Signer verify(RevCommit commit) throws GitSourceException {
        String name = "commit " + commit.abbreviate(7).name();
        byte[] armored = commit.getRawGpgSignature();
        if (armored == null) {
            throw refused(name + " is not signed");
        }
        String text = new String(armored, US_ASCII);
        if (!text.startsWith("-----BEGIN PGP SIGNATURE-----")) {
            throw refused(name + " carries a " + (text.startsWith("-----BEGIN SSH SIGNATURE") ? "SSH" : "non-OpenPGP")
                    + " signature; only OpenPGP signatures are verified");
        }
        PGPSignature signature = parseSignature(armored, name);
        PGPPublicKeyRingCollection keys = readTrustedKeys();
        PGPPublicKey key = findKey(keys, signature);
        if (key == null) {
            throw refused(name + " is signed by key " + keyId(signature.getKeyID())
                    + ", which is not among the trusted keys");
        }
        PGPPublicKeyRing ring = keys.getPublicKeyRing(key.getKeyID());
        PGPPublicKey primary = ring == null ? key : ring.getPublicKey();
        String signer = "key " + keyId(key.getKeyID());
        if (key.hasRevocation() || primary.hasRevocation()) {
            throw refused(name + " is signed by " + signer + ", which is revoked");
        }
        if (expiredAt(key, signature.getCreationTime()) || expiredAt(primary, signature.getCreationTime())) {
            throw refused(name + " is signed by " + signer + ", which had expired when it signed");
        }
        if (!matches(signature, key, signedPayload(commit.getRawBuffer()))) {
            throw refused(name + " has a signature by " + signer
                    + " that does not match its content (the commit was altered after signing)");
        }
        return new Signer(keyId(key.getKeyID()), firstUserId(primary));
    }

    private GitSourceException refused(String reason) {
        return GitSourceException.userMustFix(reason + "; signature verification requires the commit to be"
                + " signed by a key in " + trustedKeys + " (not applied)");
    }

    private static PGPSignature parseSignature(byte[] armored, String name) throws GitSourceException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
            Object packet = new JcaPGPObjectFactory(in).nextObject();
            if (packet instanceof PGPSignatureList list && !list.isEmpty()) {
                return list.get(0);
            }
        } catch (IOException | RuntimeException e) {
            // falls through to the refusal below: the signature block is not readable OpenPGP
        }
        throw GitSourceException.userMustFix(name + " carries a signature that is not readable OpenPGP (not applied)");
    }

    private PGPPublicKeyRingCollection readTrustedKeys() throws GitSourceException {
        PGPPublicKeyRingCollection keys;
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(trustedKeys))) {
            keys = new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
        } catch (IOException | PGPException | RuntimeException e) {
            throw GitSourceException.userMustFix("the trusted keys file " + trustedKeys
                    + " cannot be read as an OpenPGP public keyring (" + e.getClass().getSimpleName()
                    + "); export it with gpg --export --armor");
        }
        if (keys.size() == 0) {
            throw GitSourceException.userMustFix("the trusted keys file " + trustedKeys
                    + " holds no OpenPGP public key; export the signers' keys into it with gpg --export --armor");
        }
        return keys;
    }

    /** The key by the signature's issuer key id, or by its issuer fingerprint when it has no key id. */
    private static PGPPublicKey findKey(PGPPublicKeyRingCollection keys, PGPSignature signature) {
        PGPPublicKey key = signature.getKeyID() == 0 ? null : keys.getPublicKey(signature.getKeyID());
        IssuerFingerprint fingerprint = signature.getHashedSubPackets() == null ? null
                : signature.getHashedSubPackets().getIssuerFingerprint();
        return key != null || fingerprint == null ? key : keys.getPublicKey(fingerprint.getFingerprint());
    }

    private static boolean matches(PGPSignature signature, PGPPublicKey key, byte[] payload) throws GitSourceException {
        try {
            signature.init(new JcaPGPContentVerifierBuilderProvider().setProvider(BOUNCY_CASTLE), key);
            signature.update(payload);
            return signature.verify();
        } catch (PGPException e) {
            throw GitSourceException.userMustFix("the signature by key " + keyId(key.getKeyID())
                    + " cannot be checked: " + e.getMessage());
        }
    }

    private static boolean expiredAt(PGPPublicKey key, Date when) {
        long valid = key.getValidSeconds();
        return valid > 0 && key.getCreationTime().getTime() + valid * 1000 < when.getTime();
    }

    private static String firstUserId(PGPPublicKey primary) {
        Iterator<String> ids = primary.getUserIDs();
        return ids.hasNext() ? ids.next() : "";
    }

    private static String keyId(long id) {
        return String.format(Locale.ROOT, "%016X", id);
    }

    /** The bytes the signature covers: the raw commit without its {@code gpgsig} header. */
    static byte[] signedPayload(byte[] raw) {
        int start = RawParseUtils.headerStart(SIGNATURE_HEADER, raw, 0);
        if (start < 0) {
            return raw;
        }
        int end = RawParseUtils.nextLfSkippingSplitLines(raw, start);
        start -= SIGNATURE_HEADER.length + 1;
        if (end < raw.length) {
            end++;
        }
        byte[] payload = new byte[raw.length - (end - start)];
        System.arraycopy(raw, 0, payload, 0, start);
        System.arraycopy(raw, end, payload, start, raw.length - end);
        return payload;
    }
}
