package io.gitmesh.xds;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The one definition of a version in gitmesh's xDS output: a lowercase hex SHA-256 of content, never a
 * {@code hashCode()}. The same content gives the same version on every replica and after every restart,
 * so a {@code git revert} restores exactly the versions that were served before.
 */
public final class ContentHash {
    private ContentHash() {
    }

    /**
     * The SHA-256 of the message's deterministic protobuf serialization (map entries sorted by key).
     * An {@code Any} inside the message is hashed as the bytes it holds, so whoever packs an {@code Any}
     * must pack it deterministically for equal content to give equal versions.
     */
    public static String of(Message message) {
        MessageDigest digest = sha256();
        try (DigestOutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            CodedOutputStream out = CodedOutputStream.newInstance(sink);
            out.useDeterministicSerialization();
            message.writeTo(out);
            out.flush();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of the parts in order, each length-prefixed so that no two lists hash alike by accident. */
    public static String ofParts(List<String> parts) {
        MessageDigest digest = sha256();
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException everyJavaPlatformHasIt) {
            throw new IllegalStateException(everyJavaPlatformHasIt);
        }
    }
}
