package io.presence.app;

import io.presence.replay.ReplayCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./presence}: one launcher for dev mode, the two processes and tokens. */
@Command(
        name = "presence",
        mixinStandardHelpOptions = true,
        version = "presence 0.1.0",
        description =
                "Kafka-native presence: who is online now, when each user was last seen, every change as it happens.",
        subcommands = {
            DevCommand.class,
            GatewayCommand.class,
            QueryApiCommand.class,
            TokenCommand.class,
            ReplayCommand.class
        })
public final class PresenceCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine commandLine =
                new CommandLine(new PresenceCommand()).setParameterExceptionHandler(PresenceCommand::oneLineUsageError);
        int exitCode = commandLine.execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    private static int oneLineUsageError(CommandLine.ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        System.err.println(command + ": " + e.getMessage() + " (see '" + command + " --help')");
        return 2;
    }
}
