package dev.hearth.features;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One runtime feature as written in {@code features/<id>.json}: the bundles it brings with their
 * start levels, the framework properties it needs, and its default OSGi configurations.
 */
public record Feature(
        String id,
        String description,
        List<BundleRef> bundles,
        @JsonProperty("framework-properties") Map<String, String> frameworkProperties,
        Map<String, Map<String, Object>> configurations) {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public Feature {
        bundles = bundles == null ? List.of() : List.copyOf(bundles);
        frameworkProperties = frameworkProperties == null ? Map.of() : new LinkedHashMap<>(frameworkProperties);
        configurations = configurations == null ? Map.of() : new LinkedHashMap<>(configurations);
    }

    /** Reads a feature file and checks that every bundle reference is well formed. */
    public static Feature read(InputStream in) throws IOException {
        Feature feature = MAPPER.readValue(in, Feature.class);
        if (feature.id() == null || feature.id().isBlank()) {
            throw new IOException("A feature needs an \"id\"");
        }
        for (BundleRef ref : feature.bundles()) {
            ref.validate();
        }
        return feature;
    }

    /**
     * A bundle of a feature: {@code groupId:artifactId[:classifier]} and a start level. The
     * version is the one the build manages, so it is written once, in the parent POM.
     */
    public record BundleRef(
            String id, @JsonProperty("start-level") int startLevel) {

        void validate() throws IOException {
            if (id == null || id.split(":").length < 2 || id.split(":").length > 3) {
                throw new IOException("Bundle id must be groupId:artifactId[:classifier], got " + id);
            }
            if (startLevel < 1) {
                throw new IOException("Bundle " + id + " needs a start-level of 1 or more");
            }
        }

        public String groupId() {
            return id.split(":")[0];
        }

        public String artifactId() {
            return id.split(":")[1];
        }

        /** The classifier, or the empty string. */
        public String classifier() {
            String[] parts = id.split(":");
            return parts.length == 3 ? parts[2] : "";
        }
    }
}
