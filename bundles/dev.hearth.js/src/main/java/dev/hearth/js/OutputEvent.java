package dev.hearth.js;

/**
 * One line the script wrote to stdout as a JSON object with a {@code type}, as konnectors report
 * their progress ({@code {"type":"error","message":"LOGIN_FAILED"}}). {@code message} is cut to
 * 4000 characters; {@code json} is the line as written.
 */
public record OutputEvent(String type, String message, boolean noRetry, String json) {
    public static final int MAX_MESSAGE = 4000;

    public boolean isError() {
        return type.equals("error");
    }

    public boolean isCritical() {
        return type.equals("critical");
    }
}
