package dev.hearth.itests.fuzz;

/**
 * A header field as sent or received; name and value are wire strings ({@link Wire}). A null
 * value writes the name alone, without a colon, which is a malformed field on purpose.
 */
record Header(String name, String value) {
    boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
