package org.hielements.text;

/** A position as the language server speaks it: 0-based line, 0-based UTF-16 column. */
public record Position(int line, int character) implements Comparable<Position> {
    @Override
    public int compareTo(Position o) {
        return line != o.line ? Integer.compare(line, o.line) : Integer.compare(character, o.character);
    }
}
