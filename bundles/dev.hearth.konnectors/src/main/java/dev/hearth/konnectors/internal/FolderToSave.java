package dev.hearth.konnectors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.AppPermissions;
import dev.hearth.auth.Audience;
import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.Rule;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.HearthException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.DataService;
import dev.hearth.files.FileService;
import dev.hearth.files.Files;
import dev.hearth.jobs.JobsService;
import dev.hearth.jobs.Trigger;
import dev.hearth.konnectors.Accounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The folder a konnector saves its files in ({@code folder_to_save}), as cozy-stack ensures it
 * before a run: the folder of the message when it exists outside the trash; else the one folder
 * that references the konnector; else, for a run with an account, the account's {@code
 * defaultFolderPath} (or {@code folderPath}, or {@code /Administrative/<Konnector>/<account>}),
 * created when missing and made to reference the konnector. The message and the triggers of the
 * account are updated with the folder, and the konnector's permissions are extended to it.
 */
final class FolderToSave {
    static final String FIELD = "folder_to_save";
    private static final String RULE_TITLE = "referenced folders";

    private final FileService files;
    private final DataService data;
    private final JobsService jobs;
    private final AppPermissions permissions;

    FolderToSave(FileService files, DataService data, JobsService jobs, AppPermissions permissions) {
        this.files = files;
        this.data = data;
        this.jobs = jobs;
        this.permissions = permissions;
    }

    /**
     * Ensures the folder of the message ({@code message} is updated) and the konnector's right to
     * write in it; null when the run has no folder.
     */
    @Nullable
    String ensure(String domain, String slug, String konnectorName, ObjectNode message, @Nullable ObjectNode account) {
        String folder = message.path(FIELD).asText("");
        if (folder.isEmpty()) {
            return null;
        }
        String id = existing(domain, folder);
        if (id == null) {
            id = referencing(domain, slug);
        }
        if (id == null && account != null) {
            id = create(domain, slug, konnectorName, account);
        }
        if (id == null) {
            return null;
        }
        if (!id.equals(folder)) {
            message.put(FIELD, id);
            updateTriggers(domain, slug, message.path("account").asText(""), id);
        }
        grant(domain, slug, id);
        return id;
    }

    private @Nullable String existing(String domain, String id) {
        try {
            ObjectNode dir = files.stat(domain, id);
            if (Files.DIRECTORY.equals(dir.path("type").asText()) && !inTrash(domain, dir)) {
                return id;
            }
            return null;
        } catch (HearthException e) {
            if (e.status() == 404 || e.status() == 400) {
                return null;
            }
            throw e;
        }
    }

    private boolean inTrash(String domain, ObjectNode dir) {
        String path = files.path(domain, dir);
        return path.equals(Files.TRASH_PATH) || path.startsWith(Files.TRASH_PATH + "/");
    }

    /** The one folder outside the trash that references the konnector, if there is exactly one. */
    private @Nullable String referencing(String domain, String slug) {
        ObjectNode request = Json.mapper().createObjectNode();
        ObjectNode selector = request.putObject("selector");
        selector.put("type", Files.DIRECTORY);
        selector.putObject("referenced_by").putObject("$elemMatch").put("id", Doctypes.KONNECTORS + "/" + slug);
        request.put("limit", 10);
        List<String> found = new ArrayList<>();
        try {
            for (JsonNode doc : files.find(domain, request).docs()) {
                if (doc instanceof ObjectNode dir && !inTrash(domain, dir)) {
                    found.add(dir.path("_id").asText());
                }
            }
        } catch (HearthException e) {
            return null; // no files yet, or no index: nothing references the konnector
        }
        return found.size() == 1 ? found.get(0) : null;
    }

    private String create(String domain, String slug, String konnectorName, ObjectNode account) {
        String path = account.path(Accounts.DEFAULT_FOLDER_PATH).asText("");
        if (path.isEmpty()) {
            path = account.path(Accounts.FOLDER_PATH).asText("");
        }
        if (path.isEmpty()) {
            path = defaultPath(konnectorName, account);
        }
        ObjectNode dir = mkdirAll(domain, path);
        String id = dir.path("_id").asText();
        if (!dir.path("referenced_by").isArray() || dir.path("referenced_by").isEmpty()) {
            ObjectNode ref = Json.mapper()
                    .createObjectNode()
                    .put("type", Doctypes.KONNECTORS)
                    .put("id", Doctypes.KONNECTORS + "/" + slug);
            files.references(domain, id, "referenced_by", List.of(ref), true);
        }
        if (account.path(Accounts.DEFAULT_FOLDER_PATH).asText("").isEmpty()) {
            ObjectNode updated = account.deepCopy();
            updated.put(Accounts.DEFAULT_FOLDER_PATH, path);
            try {
                data.database(domain, Accounts.DOCTYPE).save(updated);
            } catch (HearthException e) {
                // changed meanwhile: the path is computed again on the next run
            }
        }
        return id;
    }

    /** {@code /Administrative/<Konnector name>/<account name or id>}, as cozy-stack names it. */
    static String defaultPath(String konnectorName, ObjectNode account) {
        String name = sanitize(account.path(Accounts.NAME).asText(""));
        if (name.isEmpty()) {
            name = account.path("_id").asText();
        }
        return "/Administrative/" + title(sanitize(konnectorName)) + "/" + name;
    }

    private static String sanitize(String name) {
        return name.replaceAll("[&/\\\\#,+()$@~%.'\":*?<>{}]", "_").trim();
    }

    private static String title(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean start = true;
        for (char c : name.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = Character.isWhitespace(c);
        }
        return out.toString();
    }

    private ObjectNode mkdirAll(String domain, String path) {
        ObjectNode dir = files.stat(domain, Files.ROOT_ID);
        StringBuilder current = new StringBuilder();
        for (String name : path.split("/")) {
            if (name.isBlank()) {
                continue;
            }
            current.append('/').append(name);
            dir = child(domain, dir.path("_id").asText(), current.toString(), name);
        }
        return dir;
    }

    private ObjectNode child(String domain, String parentId, String path, String name) {
        try {
            return files.statByPath(domain, path);
        } catch (HearthException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        try {
            return files.createDirectory(domain, parentId, name, List.of(), null, null);
        } catch (HearthException e) {
            if (e.status() == 409) {
                return files.statByPath(domain, path); // created meanwhile
            }
            throw e;
        }
    }

    private void updateTriggers(String domain, String slug, String account, String folder) {
        for (Trigger t : jobs.triggers(domain, Set.of("konnector"), Set.of())) {
            JsonNode message = t.doc().path("message");
            if (message instanceof ObjectNode m
                    && slug.equals(m.path("konnector").asText())
                    && account.equals(m.path("account").asText())
                    && !folder.equals(m.path(FIELD).asText())) {
                ObjectNode updated = m.deepCopy().put(FIELD, folder);
                jobs.updateTrigger(domain, t.id(), null, updated);
            }
        }
    }

    /**
     * Adds to the konnector's permissions cozy-stack's rule on the folders that reference it, and
     * a rule on the folder's id: Hearth's file routes grant a file through the ids of its folders.
     */
    void grant(String domain, String slug, String folderId) {
        PermissionSet current = permissions.of(domain, Audience.KONNECTOR, slug).orElse(PermissionSet.empty());
        String reference = Doctypes.KONNECTORS + "/" + slug;
        List<Rule> rules = new ArrayList<>(current.rules());
        boolean changed = false;
        if (rules.stream().noneMatch(r -> isFilesRule(r, "referenced_by", reference))) {
            rules.add(new Rule(
                    Files.DOCTYPE,
                    Set.of(),
                    List.of(reference),
                    "referenced_by",
                    RULE_TITLE,
                    "folders referenced by the konnector"));
            changed = true;
        }
        if (rules.stream().noneMatch(r -> isFilesRule(r, null, folderId))) {
            rules.add(new Rule(
                    Files.DOCTYPE,
                    Set.of(),
                    List.of(folderId),
                    null,
                    "folder to save " + folderId,
                    "the folder the konnector saves files in"));
            changed = true;
        }
        if (changed) {
            permissions.grant(domain, Audience.KONNECTOR, slug, PermissionSet.of(rules));
        }
    }

    private static boolean isFilesRule(Rule rule, @Nullable String selector, String value) {
        return rule.type().equals(Files.DOCTYPE)
                && rule.verbs().isEmpty()
                && java.util.Objects.equals(rule.selector(), selector)
                && rule.values().contains(value);
    }
}
