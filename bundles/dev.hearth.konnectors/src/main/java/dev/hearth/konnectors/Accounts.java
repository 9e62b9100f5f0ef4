package dev.hearth.konnectors;

/**
 * The fields of {@code io.cozy.accounts} documents that the stack and konnectors act on, as
 * cozy-stack names them. Accounts are written through the data API; the stack reads {@code
 * account_type} (the konnector's slug), {@code defaultFolderPath} (or the legacy {@code
 * folderPath}) and {@code name}, and a konnector talks to the user through {@code state} and
 * {@code twoFACode} (two-factor authentication: the konnector sets {@code state} to one of the
 * {@code TWOFA_NEEDED} values and polls {@code twoFACode}, which the user's app writes).
 *
 * <p>When an account is deleted, its triggers are deleted, its last revision is kept in {@value
 * #SOFT_DELETED} (with {@code soft_deleted_rev}) and, when the konnector's manifest names an
 * {@code on_delete_account} script, a manual konnector job runs it with {@code account_deleted:
 * true} and {@code account_rev}; the kept copy goes once that run succeeded.
 */
public final class Accounts {
    public static final String DOCTYPE = "io.cozy.accounts";
    public static final String SOFT_DELETED = "io.cozy.accounts.soft_deleted";

    public static final String ACCOUNT_TYPE = "account_type";
    public static final String NAME = "name";
    public static final String AUTH = "auth";
    public static final String DEFAULT_FOLDER_PATH = "defaultFolderPath";
    public static final String FOLDER_PATH = "folderPath";
    public static final String STATE = "state";
    public static final String TWO_FA_CODE = "twoFACode";
    public static final String MUTED_ERRORS = "mutedErrors";

    /** Values of {@value #STATE} written by konnectors during a login. */
    public static final String TWOFA_NEEDED = "TWOFA_NEEDED";

    public static final String TWOFA_NEEDED_EMAIL = "TWOFA_NEEDED.EMAIL";
    public static final String TWOFA_NEEDED_SMS = "TWOFA_NEEDED.SMS";
    public static final String TWOFA_NEEDED_APP = "TWOFA_NEEDED.APP";
    public static final String TWOFA_NEEDED_APP_CODE = "TWOFA_NEEDED.APP_CODE";
    public static final String TWOFA_NEEDED_RETRY = "TWOFA_NEEDED_RETRY";
    public static final String LOGIN_SUCCESS = "LOGIN_SUCCESS";
    public static final String HANDLE_LOGIN_SUCCESS = "HANDLE_LOGIN_SUCCESS";

    private Accounts() {}
}
