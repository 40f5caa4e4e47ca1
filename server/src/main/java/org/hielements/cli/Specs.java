package org.hielements.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command model of the commands on the start-up path ({@code hielements} itself, {@code check}, {@code run}), built
 * with picocli's programmatic API. Each option is an {@link OptionSpec} field of its command, read after parsing with
 * {@code getValue()}: picocli does not read annotations for them, which in a short run cost more than the run itself
 * (reflection, an annotation proxy class spun per annotation type). Help, errors and parsing are picocli's, as for the
 * annotated commands.
 */
final class Specs {
    private Specs() {
    }

    /** A command with {@code -h/--help} and {@code -V/--version} (picocli's {@code mixinStandardHelpOptions}). */
    static CommandSpec command(Object command, String name, String[] description, String[] footer) {
        CommandSpec s = CommandSpec.wrapWithoutInspection(command);
        s.name(name);
        s.versionProvider(new Main.Version());
        s.usageMessage().description(description).footer(footer);
        s.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class).initialValue(false)
                .description("Show this help message and exit.").build());
        s.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class).initialValue(false)
                .description("Print version information and exit.").build());
        return s;
    }

    /** An option without a value: false unless given. */
    static OptionSpec flag(String[] names, String description) {
        return OptionSpec.builder(names).type(boolean.class).initialValue(false).description(description).build();
    }

    static OptionSpec flag(String name, String description) {
        return flag(new String[] {name}, description);
    }

    /** An option with a value of {@code type}, null unless given. */
    static OptionSpec value(String[] names, Class<?> type, String paramLabel, String description) {
        return OptionSpec.builder(names).type(type).paramLabel(paramLabel).description(description).build();
    }

    static OptionSpec value(String name, Class<?> type, String paramLabel, String description) {
        return value(new String[] {name}, type, paramLabel, description);
    }

    /** An option with a value of {@code type} and a default (picocli converts it as it converts a value given). */
    static OptionSpec value(String[] names, Class<?> type, String paramLabel, String defaultValue, String description) {
        return OptionSpec.builder(names).type(type).paramLabel(paramLabel).defaultValue(defaultValue)
                .description(description).build();
    }

    /** Zero or more positional parameters of {@code type}, as a list (null when none is given). */
    static PositionalParamSpec list(Class<?> type, String paramLabel, String description) {
        return PositionalParamSpec.builder().type(java.util.List.class).auxiliaryTypes(type).arity("0..*")
                .paramLabel(paramLabel).description(description).build();
    }

    /** The value parsed for {@code option} (its initial value or default when not given). */
    static <T> T get(OptionSpec option) {
        return option.getValue();
    }
}
