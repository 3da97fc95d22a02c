package io.codac.devstack;

import java.util.Arrays;

/**
 * Entry point of the devstack jar. {@code ./codac} calls it with a command; the infrastructure
 * commands ({@code kafka}, {@code mariadb}, {@code redis}) run one server in the foreground and are
 * what {@code up} starts as separate processes.
 */
public final class Devstack {

    private Devstack() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        StackLayout layout = StackLayout.fromEnvironment();
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int exit;
        try {
            exit = run(layout, args[0], rest);
        } catch (java.net.ConnectException e) {
            System.err.println("the local stack does not answer (" + e.getMessage() + "): is it up? (./codac up)");
            exit = 1;
        }
        System.exit(exit);
    }

    private static int run(StackLayout layout, String command, String[] rest) throws Exception {
        return switch (command) {
            case "kafka" -> InfraServers.runKafka(layout, rest);
            case "mariadb" -> InfraServers.runMariaDb(layout, rest);
            case "redis" -> InfraServers.runRedis(rest);
            case "up" -> new LocalStack(layout).up();
            case "down" -> new LocalStack(layout).down();
            case "status" -> new LocalStack(layout).status(Arrays.asList(rest).contains("--json"));
            case "demo" -> new DemoRun(layout).run(rest);
            case "client" -> new ClientCommand(layout).run(rest);
            default -> {
                usage();
                yield 2;
            }
        };
    }

    private static void usage() {
        System.err.println("""
                usage: codac <command>
                  up                     start the local stack (Kafka, MariaDB, Redis, simulator, services)
                  status [--json]        every process with its pid, port and health
                  down                   stop exactly what up started
                  demo [--count N]       up, then verify a sample batch and summarize the real responses
                  client create NAME [--json]   create a client; prints its API key and webhook secret once
                """);
    }
}
