package org.hielements.cli;

import java.util.concurrent.Callable;
import org.hielements.lsp.ServerLauncher;
import org.hielements.lsp.ServerOptions;
import org.hielements.service.ConfiguredLibraries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hielements lsp}: the language server on standard input and output (what editors start). */
@Command(name = "lsp", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Runs the language server over standard input and output (LSP, JSON-RPC).",
            "Editors start it; nothing but LSP messages is written to standard output, logs go to standard error.",
            "The server exits when the editor says exit, closes the connection, or its process dies."},
        footer = {"", "Exit codes: 0 after an orderly shutdown, 1 otherwise."})
final class LspCommand implements Callable<Integer> {
    @Option(names = "--stdio", description = "Use standard input and output (the default and only transport; "
            + "accepted because editors pass it).")
    boolean stdio;

    @Override
    public Integer call() {
        return ServerLauncher.runStdio(new ServerOptions(ConfiguredLibraries.loader(), code -> {
        }));
    }
}
