package dev.hearth.files;

/** The names and fixed ids of the file system. */
public final class Files {
    public static final String DOCTYPE = "io.cozy.files";
    public static final String ROOT_ID = "io.cozy.files.root-dir";
    public static final String TRASH_ID = "io.cozy.files.trash-dir";
    public static final String SHARED_DRIVES_ID = "io.cozy.files.shared-drives-dir";
    public static final String TRASH_PATH = "/.cozy_trash";
    public static final String SHARED_DRIVES_PATH = "/Drives";
    public static final String DIRECTORY = "directory";
    public static final String FILE = "file";

    private Files() {}
}
