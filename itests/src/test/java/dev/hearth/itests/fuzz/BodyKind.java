package dev.hearth.itests.fuzz;

/** The valid body a route reads, which the generator starts from before mutating it. */
enum BodyKind {
    NONE(false),
    DOC(true),
    DOC_UPDATE(true),
    BULK_DOCS(true),
    KEYS(true),
    FIND(true),
    INDEX(true),
    CHANGES_FILTER(true),
    BULK_GET(true),
    REVS_DIFF(true),
    LOCAL_DOC(true),
    REGISTER_CLIENT(true),
    PERMISSION_SET(true),
    PERMISSION_PATCH(true),
    PERMISSIONS_EXISTS(true),
    SETTINGS_INSTANCE(true),
    PASSPHRASE_REGISTER(true),
    PASSPHRASE_CHANGE(true),
    HINT(true),
    TWO_FACTOR(true),
    NOTIFY(true),
    INTENT(true),
    FORM_LOGIN(false),
    FORM_TWO_FACTOR(false),
    FORM_AUTHORIZE(false),
    FORM_ACCESS_TOKEN(false),
    FORM_SHARE_PASSWORD(false);

    private final boolean json;

    BodyKind(boolean json) {
        this.json = json;
    }

    /** JSON bodies; the others are {@code application/x-www-form-urlencoded} (or none). */
    boolean json() {
        return json;
    }

    boolean form() {
        return !json && this != NONE;
    }
}
