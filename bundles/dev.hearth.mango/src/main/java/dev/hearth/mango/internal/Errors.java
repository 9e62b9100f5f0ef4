package dev.hearth.mango.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.mango.MangoException;

/**
 * The errors of selector, sort and fields parsing, worded as CouchDB words them. Where CouchDB
 * prints an Erlang term, these print the JSON value instead.
 */
public final class Errors {
    private Errors() {}

    public static MangoException invalidOperator(String op) {
        return new MangoException("invalid_operator", "Invalid operator: " + op);
    }

    public static MangoException notSupported(String op) {
        return new MangoException("not_supported", "Unsupported operator: " + op);
    }

    public static MangoException badArg(String op, JsonNode arg) {
        return new MangoException("bad_arg", "Bad argument for operator " + op + ": " + arg);
    }

    public static MangoException missingFieldName() {
        return new MangoException("invalid_selector", "One or more conditions is missing a field name.");
    }

    public static MangoException invalidFieldName(String field) {
        return new MangoException("invalid_field_name", "Invalid field name: " + field);
    }

    /** A field path over {@link Paths#MAX_LENGTH} characters, shown by its start only. */
    public static MangoException fieldNameTooLong(String field) {
        return new MangoException(
                "invalid_field_name",
                "Invalid field name: " + field.substring(0, 64) + "... (field names are at most " + Paths.MAX_LENGTH
                        + " characters)");
    }

    public static MangoException selectorNotObject(JsonNode selector) {
        return new MangoException("invalid_selector_json", "Selector must be a JSON object, not: " + selector);
    }

    public static MangoException tooDeep(int limit) {
        return new MangoException("invalid_selector", "Selector is nested more than " + limit + " levels deep.");
    }

    public static MangoException sortNotArray(JsonNode sort) {
        return new MangoException("invalid_sort_json", "Sort must be an array of sort specs, not: " + sort);
    }

    public static MangoException invalidSortField(JsonNode field) {
        return new MangoException("invalid_sort_field", "Invalid sort field: " + field);
    }

    public static MangoException mixedSort() {
        return new MangoException(
                "unsupported_mixed_sort", "Sorts currently only support a single direction for all fields.");
    }

    public static MangoException fieldsNotArray(JsonNode fields) {
        return new MangoException("invalid_fields", "Fields must be an array of strings, not: " + fields);
    }

    public static MangoException invalidFieldSpec(JsonNode field) {
        return new MangoException("invalid_field", "Invalid JSON for field spec: " + field);
    }
}
