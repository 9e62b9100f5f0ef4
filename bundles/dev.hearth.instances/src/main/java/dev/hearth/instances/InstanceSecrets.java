package dev.hearth.instances;

/**
 * The per-instance signing keys. Each token audience family has its own key, so a token minted
 * for one family can never verify as another.
 */
public final class InstanceSecrets {
    private final byte[] session;
    private final byte[] oauth;
    private final byte[] cli;

    public InstanceSecrets(byte[] session, byte[] oauth, byte[] cli) {
        this.session = session.clone();
        this.oauth = oauth.clone();
        this.cli = cli.clone();
    }

    /** Key for session-bound tokens: web apps ({@code app}) and konnectors ({@code konn}). */
    public byte[] session() {
        return session.clone();
    }

    /** Key for OAuth tokens ({@code access}, {@code refresh}, {@code registration}) and share codes. */
    public byte[] oauth() {
        return oauth.clone();
    }

    /** Key for tokens minted by the admin API for command-line tools ({@code cli}). */
    public byte[] cli() {
        return cli.clone();
    }
}
