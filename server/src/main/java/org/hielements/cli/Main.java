package org.hielements.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code hielements} command line. */
@Command(name = "hielements", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Checks a codebase against its Hielements (.hie) architecture description.")
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Reads the version Maven filtered into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws Exception {
            var props = new java.util.Properties();
            try (var in = Main.class.getResourceAsStream("/org/hielements/version.properties")) {
                if (in != null) props.load(in);
            }
            return new String[] {"hielements " + props.getProperty("version", "unknown")};
        }
    }
}
