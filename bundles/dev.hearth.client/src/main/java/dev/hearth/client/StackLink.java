package dev.hearth.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.client.internal.Http;
import dev.hearth.client.internal.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The link to a Hearth (or Cozy) server over HTTP: {@code /data} routes with a Bearer token. A
 * Mango query runs on the index its {@link Q} names; when the server has no such index yet
 * ({@code no_index}, or a warning that the named index was not used) the link creates it and
 * retries once, as cozy-stack-client does. A doctype without a database yet reads as empty.
 */
public final class StackLink implements Link {
    private static final int DEFAULT_LIMIT = 100;

    private final Http http;

    /**
     * @param base the instance's URL, such as {@code https://alice.example.net/}
     * @param credentials the token
     */
    public StackLink(URI base, Credentials credentials) {
        this(base, credentials, null);
    }

    /**
     * @param host the {@code Host} header to send, when the base URL's host is not the
     *     instance's (a loopback address in front of virtual hosts); the JDK sends it only when
     *     the {@code jdk.httpclient.allowRestrictedHeaders} property contains {@code host}
     */
    public StackLink(URI base, Credentials credentials, @Nullable String host) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        String url = base.toString();
        this.http = new Http(client, URI.create(url.endsWith("/") ? url : url + "/"), credentials, host);
    }

    public URI base() {
        return http.base();
    }

    public @Nullable String host() {
        return http.host();
    }

    public Credentials credentials() {
        return http.credentials();
    }

    @Override
    public Result request(Operation operation, Chain next) {
        return switch (operation) {
            case Operation.Query query -> query(Plan.of(query.definition()));
            case Operation.Save save -> save(save.doctype(), save.doc());
            case Operation.Destroy destroy -> destroy(destroy.doctype(), destroy.doc());
        };
    }

    private static String data(String doctype) {
        return "data/" + Http.segment(doctype) + "/";
    }

    private Result query(Plan plan) {
        Q q = plan.query();
        try {
            return switch (plan.kind()) {
                case BY_ID ->
                    Result.of(List.of(stripped(http.send("GET", data(q.doctype()) + Http.segment(q.id()), null))));
                case BY_IDS -> byIds(q);
                case ALL -> all(q);
                case MANGO -> find(plan);
            };
        } catch (ClientException.NotFoundException e) {
            if (plan.kind() == Plan.Kind.BY_ID) {
                throw e;
            }
            return Result.of(List.of());
        }
    }

    private Result byIds(Q q) {
        ObjectNode body = Json.object();
        q.ids().forEach(body.putArray("keys")::add);
        JsonNode answer = http.send("POST", data(q.doctype()) + "_all_docs?include_docs=true", body);
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonNode row : answer.path("rows")) {
            if (row.path("doc").isObject()) {
                docs.add(stripped(row.path("doc")));
            }
        }
        return Result.of(docs);
    }

    private Result all(Q q) {
        int limit = q.limit() == null ? DEFAULT_LIMIT : q.limit();
        StringBuilder path = new StringBuilder(data(q.doctype()))
                .append("_normal_docs?limit=")
                .append(limit)
                .append("&skip=")
                .append(q.skip());
        if (q.bookmark() != null) {
            path.append("&bookmark=").append(Http.segment(q.bookmark()));
        }
        JsonNode answer = http.send("GET", path.toString(), null);
        List<ObjectNode> docs = new ArrayList<>();
        answer.path("rows").forEach(d -> docs.add(stripped(d)));
        long total = answer.path("total_rows").asLong();
        String bookmark = answer.path("bookmark").asText("");
        boolean next = bookmark.isEmpty() ? q.skip() + docs.size() < total : docs.size() >= limit;
        return new Result(docs, next, bookmark.isEmpty() ? null : bookmark, total);
    }

    private Result find(Plan plan) {
        if (plan.matchesNothing()) {
            return Result.of(List.of());
        }
        ObjectNode body = plan.findRequest();
        String path = data(plan.query().doctype()) + "_find";
        JsonNode answer;
        try {
            answer = http.send("POST", path, body);
            if (!answer.path("warning").asText().contains("was not used")) {
                return found(answer, plan);
            }
        } catch (ClientException.NoIndexException e) {
            // created below
        }
        http.send("POST", data(plan.query().doctype()) + "_index", plan.indexRequest());
        return found(http.send("POST", path, body), plan);
    }

    private static Result found(JsonNode answer, Plan plan) {
        List<ObjectNode> docs = new ArrayList<>();
        answer.path("docs").forEach(d -> docs.add(stripped(d)));
        String bookmark = answer.path("bookmark").asText("");
        return new Result(docs, answer.path("next").asBoolean(false), bookmark.isEmpty() ? null : bookmark, null);
    }

    private Result save(String doctype, ObjectNode doc) {
        ObjectNode body = doc.deepCopy();
        body.remove("_type");
        if (!doc.hasNonNull("_id")) {
            return Result.of(
                    List.of(stripped(http.send("POST", data(doctype), body).path("data"))));
        }
        if (!doc.hasNonNull("_rev")) {
            body.remove("_id");
        }
        JsonNode answer =
                http.send("PUT", data(doctype) + Http.segment(doc.path("_id").asText()), body);
        return Result.of(List.of(stripped(answer.path("data"))));
    }

    private Result destroy(String doctype, ObjectNode doc) {
        String id = doc.path("_id").asText();
        JsonNode answer = http.send(
                "DELETE",
                data(doctype) + Http.segment(id) + "?rev="
                        + Http.segment(doc.path("_rev").asText()),
                null);
        ObjectNode gone =
                Json.object().put("_id", id).put("_rev", answer.path("rev").asText());
        gone.put("_deleted", true);
        return Result.of(List.of(gone));
    }

    /** The document as CouchDB stores it: without the {@code _type} the stack adds. */
    static ObjectNode stripped(JsonNode doc) {
        if (!doc.isObject()) {
            throw new ClientException(0, "bad_response", "Expected a document, got " + doc);
        }
        ObjectNode copy = ((ObjectNode) doc).deepCopy();
        copy.remove("_type");
        return copy;
    }
}
