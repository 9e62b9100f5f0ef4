package dev.hearth.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hearth} command. */
@Command(
        name = "hearth",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Hearth, a personal-data server: serve instances, or manage a running server.",
        subcommands = {ServeCommand.class, InstancesCommand.class})
public final class Main {

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
        return new CommandLine(new Main()).execute(args);
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
