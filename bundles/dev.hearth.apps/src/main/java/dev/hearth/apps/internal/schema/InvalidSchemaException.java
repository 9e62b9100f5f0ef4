package dev.hearth.apps.internal.schema;

/** A schema Hearth cannot enforce: malformed, or using a keyword outside the supported subset. */
public final class InvalidSchemaException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param at the JSON pointer of the faulty place in the schema ({@code ""} for its root)
     * @param problem what is wrong there
     */
    InvalidSchemaException(String at, String problem) {
        super((at.isEmpty() ? "at the root" : "at " + at) + ": " + problem);
    }
}
