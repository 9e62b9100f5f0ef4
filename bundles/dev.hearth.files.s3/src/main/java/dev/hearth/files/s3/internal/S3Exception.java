package dev.hearth.files.s3.internal;

import java.io.IOException;

/** An S3 request the server refused: its HTTP status and the error code of its XML body. */
final class S3Exception extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    S3Exception(String operation, int status, String code, String message) {
        super(operation + " failed: HTTP " + status + " " + code + (message.isEmpty() ? "" : " (" + message + ")"));
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
