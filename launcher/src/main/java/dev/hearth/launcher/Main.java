package dev.hearth.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hearth} command. */
@Command(
        name = "hearth",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Hearth, a personal-data server: serve instances, or manage a running server.",
        subcommands = {
            ServeCommand.class,
            InstancesCommand.class,
            AppsCommand.Apps.class,
            AppsCommand.Konnectors.class,
            JobsCommand.class,
            RegistryCommand.class
        })
public final class Main {
    private static final String HOST_HEADER_PROPERTY = "jdk.httpclient.allowRestrictedHeaders";

    private Main() {}

    public static void main(String[] args) {
        useDistributionLogging();
        System.exit(run(args));
    }

    /** Points Logback at the distribution's configuration before anything logs. */
    private static void useDistributionLogging() {
        String home = System.getProperty("hearth.home");
        if (home != null && System.getProperty("logback.configurationFile") == null) {
            Path config = Path.of(home, "conf", "logback.xml");
            if (Files.isRegularFile(config)) {
                System.setProperty("logback.configurationFile", config.toString());
            }
        }
    }

    /**
     * Runs the command line and returns its exit code. {@code serve} is parsed on its own: the
     * reflective model of every other command would cost the server's start a few hundred ms.
     */
    public static int run(String... args) {
        if (args.length > 0 && args[0].equals("serve")) {
            return new CommandLine(new ServeCommand())
                    .setCommandName("hearth serve")
                    .execute(Arrays.copyOfRange(args, 1, args.length));
        }
        return commands().execute(args);
    }

    /** The command line of every command but {@code serve}. */
    static CommandLine commands() {
        allowHostHeader();
        return new CommandLine(new Main());
    }

    /**
     * Lets the JDK's HTTP client send a {@code Host} header: the apps commands reach an instance
     * through the public endpoint's address under the instance's own host name, which need not
     * resolve on this machine. The client reads the setting once, before its first request.
     */
    private static void allowHostHeader() {
        String allowed = System.getProperty(HOST_HEADER_PROPERTY, "");
        if (!allowed.toLowerCase(Locale.ROOT).contains("host")) {
            System.setProperty(HOST_HEADER_PROPERTY, allowed.isBlank() ? "host" : allowed + ",host");
        }
    }

    /** The version of this launcher, from its jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"hearth " + (v == null ? "development" : v)};
        }
    }
}
