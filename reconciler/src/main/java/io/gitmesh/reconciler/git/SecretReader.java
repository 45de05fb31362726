package io.gitmesh.reconciler.git;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.gitmesh.reconciler.source.GitSourceException;
import io.gitmesh.reconciler.source.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Reads a secret's value when it is needed. Errors name where the secret was looked for, never
 * what was found there. Callers clear the returned characters when done.
 */
public final class SecretReader {
    private final UnaryOperator<String> environment;

    /** @param environment looks up an environment variable ({@code System::getenv} outside tests) */
    public SecretReader(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    public char[] read(Secret secret) throws GitSourceException {
        char[] value = switch (secret) {
            case Secret.FromFile file -> readFile(file);
            case Secret.FromEnvironment variable -> {
                String text = environment.apply(variable.variable());
                yield text == null ? new char[0] : text.strip().toCharArray();
            }
        };
        if (value.length == 0) {
            throw GitSourceException.userMustFix("the credential in " + secret + " is missing or empty");
        }
        return value;
    }

    private static char[] readFile(Secret.FromFile secret) throws GitSourceException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(secret.file());
        } catch (IOException e) {
            throw GitSourceException.userMustFix("the credential in " + secret + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        CharBuffer chars = UTF_8.decode(ByteBuffer.wrap(bytes));
        Arrays.fill(bytes, (byte) 0);
        int end = chars.limit();
        while (end > 0 && Character.isWhitespace(chars.get(end - 1))) {
            end--;
        }
        char[] value = new char[end];
        chars.get(value, 0, end);
        Arrays.fill(chars.array(), '\0');
        return value;
    }
}
