package io.gitmesh.schema.yaml;

import io.gitmesh.schema.Diagnostic;
import io.gitmesh.schema.Limits;
import io.gitmesh.schema.Position;
import io.gitmesh.schema.Severity;
import io.gitmesh.schema.SourceFile;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads a YAML file into documents whose every node knows its line and column. Bad input never
 * escapes as an exception: a file past a {@link Limits limit}, with invalid UTF-8, binary content,
 * duplicate keys or a syntax error comes back as diagnostics within bounded time and memory.
 *
 * <p>Documents are built from SnakeYAML Engine's event stream by an iterative builder
 * ({@link TreeBuilder}) so that nesting depth, alias count and alias expansion are counted as they
 * happen, before any memory is spent on them.
 */
public final class YamlReader {
    private final Limits limits;
    /**
     * The parser's settings, the same for every file (immutable, so shared by parallel reads). They
     * carry no file name: SnakeYAML puts it only in the text of its marks, and messages here are
     * made of a problem's description and its line and column.
     */
    private final LoadSettings settings;

    public YamlReader(Limits limits) {
        this.limits = limits;
        this.settings = LoadSettings.builder()
                .setUseMarks(true)
                .setCodePointLimit(Math.max(limits.maxFileBytes(), 1024))
                .setMaxAliasesForCollections(Math.max(limits.maxAliases(), 1))
                .build();
    }

    public ParsedFile read(SourceFile file) {
        String path = file.path();
        byte[] bytes = file.content();
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (bytes.length > limits.maxFileBytes()) {
            diagnostics.add(limits.fileTooLarge(path, bytes.length));
            return new ParsedFile(path, List.of(), diagnostics);
        }
        int nul = indexOf(bytes, (byte) 0);
        if (nul >= 0) {
            diagnostics.add(fileError(path, positionOfByte(bytes, nul),
                    "binary file (NUL byte); policy files must be UTF-8 text"));
            return new ParsedFile(path, List.of(), diagnostics);
        }
        String text;
        try {
            text = decodeUtf8(bytes);
        } catch (InvalidUtf8 e) {
            diagnostics.add(fileError(path, positionOfByte(bytes, e.offset),
                    "invalid UTF-8 (byte 0x" + String.format("%02x", bytes[e.offset] & 0xff)
                            + "); policy files must be UTF-8 text"));
            return new ParsedFile(path, List.of(), diagnostics);
        }
        TreeBuilder builder = new TreeBuilder(path, limits, diagnostics);
        try {
            ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, text));
            while (parser.hasNext() && !builder.stopped()) {
                Event event = parser.next();
                builder.accept(event);
            }
        } catch (MarkedYamlEngineException e) {
            Position at = e.getProblemMark().or(e::getContextMark).map(YamlReader::position)
                    .orElse(builder.lastPosition());
            diagnostics.add(fileError(path, at, "YAML syntax error: " + describe(e)));
        } catch (YamlEngineException e) {
            diagnostics.add(fileError(path, builder.lastPosition(), "YAML error: " + oneLine(e.getMessage())));
        } catch (StackOverflowError e) {
            diagnostics.add(fileError(path, builder.lastPosition(),
                    "YAML nesting too deep to read (limit " + limits.maxDepth() + ")"));
        }
        return new ParsedFile(path, builder.documents(), diagnostics);
    }

    static Position position(Mark mark) {
        return new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    static Position position(Optional<Mark> mark) {
        return mark.map(YamlReader::position).orElse(Position.UNKNOWN);
    }

    private static Diagnostic fileError(String path, Position at, String message) {
        return Diagnostic.ofFile(Severity.ERROR, path, at, message);
    }

    private static String describe(MarkedYamlEngineException e) {
        String problem = e.getProblem();
        String context = e.getContext();
        String text = problem == null ? e.getMessage() : problem;
        if (context != null && !context.isBlank()) {
            text = text + " (" + context + ")";
        }
        return oneLine(text);
    }

    private static String oneLine(String s) {
        return s == null ? "unknown error" : s.replaceAll("\\s+", " ").trim();
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Line and column (in bytes) of a byte offset: good enough to find a bad byte. */
    static Position positionOfByte(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, offset - lineStart + 1);
    }

    private static final class InvalidUtf8 extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        InvalidUtf8(int offset) {
            super(null, null, false, false);
            this.offset = offset;
        }
    }

    private static String decodeUtf8(byte[] bytes) throws InvalidUtf8 {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new InvalidUtf8(in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new InvalidUtf8(in.position());
        }
        out.flip();
        return out.toString();
    }
}
