package dev.hearth.apps;

/** Where an app stands on an instance, as Cozy names it in the app's document. */
public enum InstallState {
    INSTALLING("installing"),
    UPGRADING("upgrading"),
    /** Installed but not yet opened (or its new permissions are waiting to be acknowledged). */
    INSTALLED("installed"),
    READY("ready"),
    ERRORED("errored");

    private final String value;

    InstallState(String value) {
        this.value = value;
    }

    /** The name in the document ({@code ready}, ...). */
    public String value() {
        return value;
    }

    /** The state named {@code value}, {@link #ERRORED} for anything unknown. */
    public static InstallState of(String value) {
        for (InstallState s : values()) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        return ERRORED;
    }
}
