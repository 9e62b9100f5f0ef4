package dev.hearth.files.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SigV4Test {

    /** The GET Object example of Amazon's Signature Version 4 documentation for S3. */
    @Test
    void signsTheDocumentedGetObjectExample() {
        SigV4 signer = new SigV4("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");
        SortedMap<String, String> headers = new TreeMap<>();
        headers.put("host", "examplebucket.s3.amazonaws.com");
        headers.put("range", "bytes=0-9");
        signer.sign(
                "GET",
                "/test.txt",
                Map.of(),
                headers,
                SigV4.EMPTY_SHA256,
                ZonedDateTime.of(2013, 5, 24, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(headers.get("authorization"))
                .isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + " SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                        + " Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void encodesKeysAndQueriesAsS3Expects() {
        assertThat(SigV4.encode("alice.localhost:8080/blobs/a b~é", false))
                .isEqualTo("alice.localhost%3A8080/blobs/a%20b~%C3%A9");
        assertThat(SigV4.encode("a/b", true)).isEqualTo("a%2Fb");
        assertThat(SigV4.canonicalQuery(Map.of("uploads", "", "prefix", "x/y", "list-type", "2")))
                .isEqualTo("list-type=2&prefix=x%2Fy&uploads=");
    }
}
