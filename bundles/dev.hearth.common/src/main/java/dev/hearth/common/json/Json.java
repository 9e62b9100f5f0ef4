package dev.hearth.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.CouchException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson setup of Hearth: strict on input (no trailing tokens, duplicate keys refused,
 * numbers that overflow a double refused with a 400), compact on output (null fields left out).
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(FiniteNodeFactory.INSTANCE)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private Json() {}

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serializes a value to UTF-8 JSON bytes. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Serializes a tree that is to be stored: like {@link #bytes}, but what would not read back as
     * it was is refused: a non-finite number (which {@link #bytes} writes as a string) and a member
     * name with a lone surrogate (which the parser refuses).
     *
     * @throws dev.hearth.common.error.CouchException 400 for either
     */
    public static byte[] storedBytes(JsonNode tree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = new StorableGenerator(MAPPER.getFactory().createGenerator(out))) {
            MAPPER.writeTree(generator, tree);
        } catch (IOException e) {
            if (e.getCause() instanceof CouchException refused) {
                throw refused;
            }
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Serializes a value to a JSON string. */
    public static String string(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a request body that must be a JSON object.
     *
     * @throws ApiException 400 when the body is not JSON, not an object, or holds a number that
     *     overflows a double
     */
    public static ObjectNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("Invalid JSON: " + firstLine(e.getMessage()));
        } catch (CouchException e) {
            throw ApiException.badRequest("Invalid JSON: " + e.reason());
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw ApiException.badRequest("The request body must be a JSON object");
    }

    /** Reads JSON bytes into the given type, as stored by Hearth itself. */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int eol = message.indexOf('\n');
        return eol < 0 ? message : message.substring(0, eol);
    }
}
