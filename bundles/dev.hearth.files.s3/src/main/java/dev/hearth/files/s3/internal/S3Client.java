package dev.hearth.files.s3.internal;

import dev.hearth.files.s3.internal.S3Http.Call;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The S3 operations the blob store needs, on one bucket. Keys are object keys, not yet encoded. */
final class S3Client {
    private final S3Http http;
    private final String bucket;

    S3Client(S3Http http, String bucket) {
        this.http = http;
        this.bucket = bucket;
    }

    /** An object of a listing. */
    record Listed(String key, long size, String lastModified) {}

    /** A multipart upload that was started and neither completed nor aborted. */
    record Pending(String key, String uploadId, String initiated) {}

    void put(String key, byte[] data, int length, byte[] md5) throws IOException {
        check(
                "PutObject",
                http.exchange(Call.of("PUT", key).headers(md5Header(md5)).body(data, length)));
    }

    String createMultipart(String key) throws IOException {
        HttpResponse<byte[]> r = check(
                "CreateMultipartUpload", http.exchange(Call.of("POST", key).query(Map.of("uploads", ""))));
        String id = S3Xml.field(r.body(), "InitiateMultipartUploadResult", "UploadId");
        if (id.isEmpty()) {
            throw new IOException("CreateMultipartUpload answered no UploadId");
        }
        return id;
    }

    String uploadPart(String key, String uploadId, int number, byte[] data, int length, byte[] md5) throws IOException {
        Call call = Call.of("PUT", key)
                .query(Map.of("partNumber", Integer.toString(number), "uploadId", uploadId))
                .headers(md5Header(md5))
                .body(data, length);
        return etag("UploadPart", check("UploadPart", http.exchange(call)));
    }

    String uploadPartCopy(String source, String key, String uploadId, int number, long first, long last)
            throws IOException {
        Map<String, String> headers = Map.of(
                "x-amz-copy-source", copySource(source), "x-amz-copy-source-range", "bytes=" + first + "-" + last);
        Call call = Call.of("PUT", key)
                .query(Map.of("partNumber", Integer.toString(number), "uploadId", uploadId))
                .headers(headers);
        HttpResponse<byte[]> r = checkBody("UploadPartCopy", http.exchange(call));
        String etag = S3Xml.field(r.body(), "CopyPartResult", "ETag");
        if (etag.isEmpty()) {
            // Some servers answer a part copy as they answer a whole copy.
            etag = S3Xml.field(r.body(), "CopyObjectResult", "ETag");
        }
        if (etag.isEmpty()) {
            throw new IOException("UploadPartCopy answered no ETag: " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return etag;
    }

    void complete(String key, String uploadId, List<String> etags) throws IOException {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
        for (int i = 0; i < etags.size(); i++) {
            xml.append("<Part><PartNumber>")
                    .append(i + 1)
                    .append("</PartNumber><ETag>")
                    .append(S3Xml.escape(etags.get(i)))
                    .append("</ETag></Part>");
        }
        byte[] body = xml.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.UTF_8);
        Call call = Call.of("POST", key).query(Map.of("uploadId", uploadId)).body(body, body.length);
        checkBody("CompleteMultipartUpload", http.exchange(call));
    }

    void abort(String key, String uploadId) throws IOException {
        HttpResponse<byte[]> r = http.exchange(Call.of("DELETE", key).query(Map.of("uploadId", uploadId)));
        if (r.statusCode() != 404) {
            check("AbortMultipartUpload", r);
        }
    }

    void copy(String source, String key) throws IOException {
        checkBody(
                "CopyObject",
                http.exchange(Call.of("PUT", key).headers(Map.of("x-amz-copy-source", copySource(source)))));
    }

    /** Reads an object from {@code offset} on, streaming. */
    InputStream get(String key, long offset) throws IOException {
        Call call = Call.of("GET", key);
        if (offset > 0) {
            call = call.headers(Map.of("range", "bytes=" + offset + "-"));
        }
        HttpResponse<InputStream> r = http.send(call, HttpResponse.BodyHandlers.ofInputStream());
        int status = r.statusCode();
        if (status == 200 || status == 206) {
            return r.body();
        }
        byte[] error;
        try (InputStream in = r.body()) {
            error = in.readAllBytes();
        }
        if (status == 416 && offset > 0 && size(key) == offset) {
            return InputStream.nullInputStream();
        }
        if (status == 404) {
            throw new NoSuchFileException(key);
        }
        throw failure("GetObject", status, error);
    }

    /** The size of an object, or -1 when there is none. */
    long size(String key) throws IOException {
        HttpResponse<byte[]> r = http.exchange(Call.of("HEAD", key));
        if (r.statusCode() == 404) {
            return -1;
        }
        check("HeadObject", r);
        return r.headers().firstValueAsLong("content-length").orElseThrow(() -> new IOException("HeadObject: no size"));
    }

    void delete(String key) throws IOException {
        HttpResponse<byte[]> r = http.exchange(Call.of("DELETE", key));
        if (r.statusCode() != 404) {
            check("DeleteObject", r);
        }
    }

    /** Every object whose key starts with {@code prefix}, page after page. */
    void list(String prefix, Consumer<Listed> action) throws IOException {
        String token = "";
        do {
            Map<String, String> q = new HashMap<>(Map.of("list-type", "2", "prefix", prefix));
            if (!token.isEmpty()) {
                q.put("continuation-token", token);
            }
            byte[] body = check(
                            "ListObjectsV2", http.exchange(Call.of("GET", "").query(q)))
                    .body();
            for (Map<String, String> c : S3Xml.records(body, "Contents")) {
                action.accept(new Listed(
                        c.get("Key"), Long.parseLong(c.getOrDefault("Size", "0")), c.getOrDefault("LastModified", "")));
            }
            boolean truncated =
                    S3Xml.field(body, "ListBucketResult", "IsTruncated").equals("true");
            token = truncated ? S3Xml.field(body, "ListBucketResult", "NextContinuationToken") : "";
        } while (!token.isEmpty());
    }

    /** The multipart uploads under {@code prefix} that were neither completed nor aborted. */
    List<Pending> pending(String prefix) throws IOException {
        List<Pending> out = new ArrayList<>();
        String keyMarker = "";
        String idMarker = "";
        do {
            Map<String, String> q = new HashMap<>(Map.of("uploads", "", "prefix", prefix));
            if (!keyMarker.isEmpty()) {
                q.put("key-marker", keyMarker);
                q.put("upload-id-marker", idMarker);
            }
            byte[] body = check(
                            "ListMultipartUploads",
                            http.exchange(Call.of("GET", "").query(q)))
                    .body();
            for (Map<String, String> u : S3Xml.records(body, "Upload")) {
                out.add(new Pending(u.get("Key"), u.get("UploadId"), u.getOrDefault("Initiated", "")));
            }
            boolean truncated = S3Xml.field(body, "ListMultipartUploadsResult", "IsTruncated")
                    .equals("true");
            keyMarker = truncated ? S3Xml.field(body, "ListMultipartUploadsResult", "NextKeyMarker") : "";
            idMarker = truncated ? S3Xml.field(body, "ListMultipartUploadsResult", "NextUploadIdMarker") : "";
        } while (!keyMarker.isEmpty());
        return out;
    }

    private String copySource(String source) {
        return "/" + SigV4.encode(bucket, true) + "/" + SigV4.encode(source, false);
    }

    private static Map<String, String> md5Header(byte[] md5) {
        return Map.of("content-md5", Base64.getEncoder().encodeToString(md5));
    }

    private static String etag(String operation, HttpResponse<?> r) throws IOException {
        return r.headers().firstValue("etag").orElseThrow(() -> new IOException(operation + " answered no ETag"));
    }

    private static HttpResponse<byte[]> check(String operation, HttpResponse<byte[]> r) throws S3Exception {
        if (r.statusCode() / 100 != 2) {
            throw failure(operation, r.statusCode(), r.body());
        }
        return r;
    }

    /** Copies and completions can fail after a 200 status: the body is then an {@code Error}. */
    private static HttpResponse<byte[]> checkBody(String operation, HttpResponse<byte[]> r) throws IOException {
        check(operation, r);
        if (!S3Xml.records(r.body(), "Error").isEmpty()) {
            throw failure(operation, r.statusCode(), r.body());
        }
        return r;
    }

    private static S3Exception failure(String operation, int status, byte[] body) {
        String code = "";
        String message = "";
        try {
            List<Map<String, String>> errors = S3Xml.records(body, "Error");
            if (!errors.isEmpty()) {
                code = errors.get(0).getOrDefault("Code", "");
                message = errors.get(0).getOrDefault("Message", "");
            }
        } catch (IOException e) {
            message = "unreadable error body";
        }
        return new S3Exception(operation, status, code, message);
    }
}
