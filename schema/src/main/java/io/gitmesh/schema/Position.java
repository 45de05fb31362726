package io.gitmesh.schema;

/** A place in a source file: 1-based line and column. {@link #UNKNOWN} when there is no better answer. */
public record Position(int line, int column) implements Comparable<Position> {
    public static final Position UNKNOWN = new Position(0, 0);
    public static final Position START = new Position(1, 1);

    public Position {
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("negative position " + line + ":" + column);
        }
    }

    @Override
    public int compareTo(Position o) {
        int c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }
}
