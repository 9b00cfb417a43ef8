package dev.keepalivelab.cli;

import dev.keepalivelab.bench.BenchCommand;
import dev.keepalivelab.checkcmd.CheckCommand;
import dev.keepalivelab.server.LabServer;
import dev.keepalivelab.server.StartFailure;
import org.eclipse.jetty.server.Server;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code java -jar keepalive-lab.jar [options]}: runs the lab on an embedded Jetty until stopped;
 * {@code java -jar keepalive-lab.jar bench ...}: measures what keep-alive buys a page load;
 * {@code java -jar keepalive-lab.jar check ... -- COMMAND ...}: grades an HTTP client's connection handling.
 */
public final class Main {
    static final int EXIT_FAILED_TO_START = 1;
    /**
     * Without this, Jetty starts the JMX platform server (a quarter of a second on one core) only to learn whether
     * object references are compressed, to pad its queues against false sharing. 16 is Jetty's own fallback for
     * 64-byte cache lines (compressed references); where they are not compressed, padding is only less effective.
     */
    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(REFERENCES_PER_CACHE_LINE, "16");
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        if (args.length > 0 && args[0].equals(BenchCommand.NAME)) {
            System.exit(BenchCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err));
        }
        if (args.length > 0 && args[0].equals(CheckCommand.NAME)) {
            System.exit(CheckCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err));
        }
        CommandLineOptions.Outcome outcome = CommandLineOptions.parse(args, out, err);
        if (outcome instanceof CommandLineOptions.Exit exit) {
            out.flush();
            System.exit(exit.code());
        }
        LaunchConfig config = ((CommandLineOptions.Run) outcome).config();
        Server server = LabServer.newServer(config.server(), config.lab(), config.keystore());
        try {
            LabServer.start(server);
        } catch (Exception e) {
            err.println("keepalive-lab: " + (e instanceof StartFailure ? e.getMessage() : "cannot start: " + StartFailure.rootMessage(e)));
            stopQuietly(server);
            System.exit(EXIT_FAILED_TO_START);
        }
        GracefulExit.install(server, err);
        StartBanner.lines(config.server().host(), LabServer.localPort(server), LabServer.httpsPort(server),
                        LabServer.httpsHttp1Port(server), LabServer.tlsKeys(server))
                .forEach(out::println);
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // Already failing to start; the start failure is what the user needs to see.
        }
    }
}
