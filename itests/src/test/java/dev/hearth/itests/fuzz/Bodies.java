package dev.hearth.itests.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A valid body for each {@link BodyKind}, with random but meaningful content (Mango selectors
 * over the fixture's fields, known ids and revisions), as the mutators' starting point.
 */
final class Bodies {
    private static final String[] FIELDS = {"n", "name", "tags", "nested.x", "missing", "_id", "a.b"};
    private static final String[] OPERATORS = {
        "$eq",
        "$gt",
        "$gte",
        "$lt",
        "$lte",
        "$ne",
        "$in",
        "$nin",
        "$exists",
        "$regex",
        "$size",
        "$mod",
        "$type",
        "$all",
        "$elemMatch",
        "$not",
        "$or",
        "$and",
        "$nor"
    };

    private final FuzzTarget target;
    private final ParamValues values;

    Bodies(FuzzTarget target, ParamValues values) {
        this.target = target;
        this.values = values;
    }

    /** The body as bytes; {@code filter} is the {@code _changes} filter chosen for the query, if any. */
    byte[] valid(BodyKind kind, String filter, long index, Random random) {
        String text = switch (kind) {
            case NONE -> "";
            case DOC -> doc(random);
            case DOC_UPDATE ->
                random.nextBoolean()
                        ? doc(random)
                        : "{\"_id\":\"doc-1\",\"_rev\":\"" + target.revs.get("io.cozy.fuzz.a/doc-1") + "\",\"n\":1}";
            case BULK_DOCS -> bulk(index, random);
            case KEYS -> "{\"keys\":[\"" + values.docId(random) + "\",\"" + values.docId(random) + "\"]}";
            case FIND -> find(random);
            case INDEX ->
                "{\"index\":{\"fields\":[\"" + field(random) + "\"]"
                        + (random.nextBoolean() ? "" : ",\"partial_filter_selector\":" + selector(random, 1))
                        + "},\"ddoc\":\"fuzz\",\"name\":\"i"
                        + random.nextInt(3) + "\"}";
            case CHANGES_FILTER -> changesFilter(filter, random);
            case BULK_GET ->
                "{\"docs\":[{\"id\":\"" + values.docId(random) + "\"},{\"id\":\"doc-2\",\"rev\":\"" + values.rev(random)
                        + "\"}]}";
            case REVS_DIFF ->
                "{\"doc-1\":[\"" + values.rev(random) + "\",\"9-abc\"],\"" + values.docId(random) + "\":[\"1-x\"]}";
            case LOCAL_DOC -> "{\"session_id\":\"s" + index + "\",\"source_last_seq\":\"3\",\"history\":[]}";
            case REGISTER_CLIENT ->
                "{\"redirect_uris\":[\"http://localhost/cb\"],\"client_name\":\"fz" + index
                        + "\",\"software_id\":\"github.com/fz\",\"client_kind\":\"desktop\"}";
            case PERMISSION_SET ->
                "{\"data\":{\"type\":\"io.cozy.permissions\",\"attributes\":{\"permissions\":"
                        + "{\"r\":{\"type\":\"io.cozy.fuzz.a\",\"verbs\":[\"GET\"],\"values\":[\"doc-2\"]}}}}}";
            case PERMISSION_PATCH ->
                "{\"data\":{\"attributes\":{\"codes\":{\"eve\":\"\"},\"permissions\":{\"r2\":"
                        + "{\"type\":\"io.cozy.fuzz.a\",\"verbs\":[\"GET\"],\"values\":[\"doc-3\"]}}}}}";
            case PERMISSIONS_EXISTS ->
                "{\"data\":[{\"type\":\"io.cozy.fuzz.a\",\"id\":\"doc-1\"},{\"type\":" + "\"io.cozy.fuzz.b\",\"id\":\""
                        + values.docId(random) + "\"}]}";
            case SETTINGS_INSTANCE ->
                "{\"data\":{\"type\":\"io.cozy.settings\",\"id\":\"io.cozy.settings.instance\","
                        + "\"meta\":{\"rev\":\"1-abc\"},\"attributes\":{\"locale\":\"en\",\"public_name\":\"Fuzz\"}}}";
            case PASSPHRASE_REGISTER ->
                "{\"register_token\":\"" + target.victimRegisterToken + "\",\"passphrase\":"
                        + "\"aGFzaA==\",\"iterations\":100000,\"hint\":\"h\"}";
            case PASSPHRASE_CHANGE ->
                "{\"current_passphrase\":\"wrong\",\"new_passphrase\":\"new\",\"iterations\":" + "100000}";
            case HINT -> "{\"hint\":\"a hint " + index + "\"}";
            case TWO_FACTOR -> "{\"passphrase\":\"wrong\",\"passcode\":\"123456\"}";
            case NOTIFY -> "{\"message\":\"hello " + index + "\",\"n\":" + random.nextInt(100) + "}";
            case INTENT ->
                "{\"data\":{\"type\":\"io.cozy.intents\",\"attributes\":{\"action\":\"PICK\",\"type\":\""
                        + ParamValues.pick(random, "io.cozy.files", "image/png") + "\",\"permissions\":[\"GET\"]}}}";
            case FORM_LOGIN -> "passphrase=wrong" + index + "&csrf_token=x&redirect=&long-run-session=1";
            case FORM_TWO_FACTOR -> "two-factor-token=t" + index + "&two-factor-passcode=123456&redirect=";
            case FORM_AUTHORIZE ->
                "client_id=" + target.clientId + "&redirect_uri=http%3A%2F%2Flocalhost%2Fcb"
                        + "&state=s&response_type=code&scope=io.cozy.fuzz.a&csrf_token=x";
            case FORM_ACCESS_TOKEN ->
                "grant_type=" + ParamValues.pick(random, "authorization_code", "refresh_token")
                        + "&code=c" + index + "&refresh_token=r&client_id=" + target.clientId + "&client_secret="
                        + target.clientSecret;
            case FORM_SHARE_PASSWORD -> "perm_id=" + target.permissionId + "&password=wrong" + index;
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String doc(Random random) {
        return "{\"n\":" + random.nextInt(1000) + ",\"name\":\"fz " + random.nextInt(100) + "\",\"tags\":[\"t"
                + random.nextInt(3) + "\"],\"nested\":{\"x\":" + random.nextBoolean() + "},\"when\":"
                + "\"2026-01-01T00:00:00Z\"}";
    }

    private String bulk(long index, Random random) {
        StringBuilder out = new StringBuilder("{\"docs\":[");
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",");
            switch (random.nextInt(4)) {
                case 0 -> out.append(doc(random));
                case 1 ->
                    out.append("{\"_id\":\"fz-")
                            .append(index)
                            .append('-')
                            .append(i)
                            .append("\",\"n\":")
                            .append(i)
                            .append('}');
                case 2 ->
                    out.append("{\"_id\":\"doc-2\",\"_rev\":\"")
                            .append(values.rev(random))
                            .append("\",\"n\":2}");
                default ->
                    out.append("{\"_id\":\"fz-r")
                            .append(index)
                            .append("\",\"_rev\":\"2-abcdef\",\"_revisions\":")
                            .append("{\"start\":2,\"ids\":[\"abcdef\",\"012345\"]},\"n\":")
                            .append(i)
                            .append('}');
            }
        }
        out.append(']');
        if (random.nextInt(4) == 0) {
            out.append(",\"new_edits\":false");
        }
        return out.append('}').toString();
    }

    private String find(Random random) {
        StringBuilder out = new StringBuilder("{\"selector\":").append(selector(random, 0));
        if (random.nextBoolean()) {
            out.append(",\"limit\":").append(random.nextInt(20));
        }
        if (random.nextBoolean()) {
            out.append(",\"sort\":[{\"")
                    .append(field(random))
                    .append("\":\"")
                    .append(random.nextBoolean() ? "asc" : "desc")
                    .append("\"}]");
        }
        if (random.nextBoolean()) {
            out.append(",\"fields\":[\"_id\",\"").append(field(random)).append("\"]");
        }
        if (random.nextInt(4) == 0) {
            out.append(",\"use_index\":\"_design/fuzz\"");
        }
        if (random.nextInt(4) == 0) {
            out.append(",\"skip\":1,\"bookmark\":\"g1\",\"execution_stats\":true");
        }
        return out.append('}').toString();
    }

    /** A random Mango selector; the operators' arguments are sometimes of the wrong type on purpose. */
    String selector(Random random, int depth) {
        String field = field(random);
        String op = OPERATORS[random.nextInt(OPERATORS.length)];
        String arg = switch (op) {
            case "$in", "$nin", "$all" -> random.nextBoolean() ? "[1,\"doc 1\",null]" : "1";
            case "$exists" -> random.nextBoolean() ? "true" : "\"yes\"";
            case "$regex" -> ParamValues.pick(random, "\"^doc\"", "\"(\"", "\"[a-\"", "\"(a+)+$\"", "1");
            case "$size", "$type" -> ParamValues.pick(random, "2", "\"string\"", "-1", "\"nope\"");
            case "$mod" -> ParamValues.pick(random, "[2,1]", "[0,0]", "[2]", "\"x\"");
            case "$elemMatch", "$not" -> depth < 2 ? selector(random, depth + 1) : "{}";
            case "$or", "$and", "$nor" -> depth < 2 ? "[" + selector(random, depth + 1) + "]" : "[]";
            default -> ParamValues.pick(random, "1", "\"doc 1\"", "null", "true", "[]", "{}");
        };
        if (op.equals("$or") || op.equals("$and") || op.equals("$nor")) {
            return "{\"" + op + "\":" + arg + "}";
        }
        return "{\"" + field + "\":{\"" + op + "\":" + arg + "}}";
    }

    private static String field(Random random) {
        return FIELDS[random.nextInt(FIELDS.length)];
    }

    private String changesFilter(String filter, Random random) {
        if ("_selector".equals(filter)) {
            return "{\"selector\":" + selector(random, 0) + "}";
        }
        if ("_doc_ids".equals(filter)) {
            return "{\"doc_ids\":[\"doc-1\",\"" + values.docId(random) + "\"]}";
        }
        return "{}";
    }
}
