package dev.hearth.apps.internal.schema;

import java.util.Set;

/**
 * The subset of JSON Schema draft 2020-12 that Hearth enforces: {@code type}, {@code enum},
 * {@code const}; for objects {@code properties}, {@code required}, {@code additionalProperties};
 * for arrays {@code items}, {@code minItems}, {@code maxItems}; for numbers {@code minimum},
 * {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum}; for strings {@code
 * minLength}, {@code maxLength} and {@code pattern} (a Java regular expression, searched anywhere
 * in the string as the specification says). Annotations are accepted and ignored, {@code format}
 * among them (an annotation by default in 2020-12). Any other keyword ({@code $ref}, {@code
 * allOf}, {@code if}, ...) makes the schema invalid.
 */
final class Keywords {
    static final Set<String> ENFORCED = Set.of(
            "type",
            "enum",
            "const",
            "properties",
            "required",
            "additionalProperties",
            "items",
            "minItems",
            "maxItems",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "minLength",
            "maxLength",
            "pattern");

    static final Set<String> ANNOTATIONS = Set.of(
            "$schema",
            "$id",
            "$comment",
            "title",
            "description",
            "default",
            "examples",
            "deprecated",
            "readOnly",
            "writeOnly",
            "format");

    static final Set<String> TYPES = Set.of("null", "boolean", "object", "array", "number", "integer", "string");

    private Keywords() {}
}
