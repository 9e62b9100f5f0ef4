package dev.hearth.auth.http.internal;

import dev.hearth.auth.PermissionSet;
import dev.hearth.auth.Rule;
import dev.hearth.auth.Verb;
import dev.hearth.common.text.Html;
import java.util.Map;

/** Permission rules in plain words, for the consent page. */
final class ScopeWords {
    private static final Map<String, String> NOUNS = Map.ofEntries(
            Map.entry("io.cozy.files", "your files and folders"),
            Map.entry("io.cozy.contacts", "your contacts"),
            Map.entry("io.cozy.todos", "your to-do lists"),
            Map.entry("io.cozy.notes", "your notes"),
            Map.entry("io.cozy.photos.albums", "your photo albums"),
            Map.entry("io.cozy.bank.*", "your banking data"),
            Map.entry("io.cozy.settings", "the settings of your server"),
            Map.entry("io.cozy.apps", "the applications installed on your server"),
            Map.entry("io.cozy.konnectors", "the connectors installed on your server"),
            Map.entry("io.cozy.jobs", "background jobs"),
            Map.entry("io.cozy.triggers", "scheduled jobs"),
            Map.entry("io.cozy.permissions", "the sharing of your documents"),
            Map.entry("io.cozy.oauth.clients", "the devices and programs connected to your server"));

    private ScopeWords() {}

    /** One {@code <li>} per rule, escaped. */
    static String listItems(PermissionSet permissions) {
        StringBuilder out = new StringBuilder();
        for (Rule rule : permissions.rules()) {
            out.append("<li>")
                    .append(Html.escape(describe(rule)))
                    .append(" <code>")
                    .append(Html.escape(rule.type()))
                    .append("</code></li>");
        }
        return out.toString();
    }

    static String describe(Rule rule) {
        String noun = rule.type().equals("*")
                ? "everything on your server"
                : NOUNS.getOrDefault(rule.type(), "documents of type " + rule.type());
        String restricted =
                rule.values().isEmpty() ? "" : " (only " + rule.values().size() + " of them)";
        return verbs(rule) + " " + noun + restricted;
    }

    private static String verbs(Rule rule) {
        boolean read = rule.allowsVerb(Verb.GET);
        boolean write = rule.allowsVerb(Verb.POST) || rule.allowsVerb(Verb.PUT) || rule.allowsVerb(Verb.PATCH);
        boolean delete = rule.allowsVerb(Verb.DELETE);
        if (read && write && delete) {
            return "Read, change and delete";
        }
        StringBuilder s = new StringBuilder();
        append(s, read, "read");
        append(s, write, "change");
        append(s, delete, "delete");
        String text = s.toString();
        return text.isEmpty() ? "Use" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static void append(StringBuilder s, boolean on, String word) {
        if (on) {
            s.append(s.isEmpty() ? "" : " and ").append(word);
        }
    }
}
