package dev.keepalivelab.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code java -jar keepalive-lab.jar bench [URL] [options]}: what keep-alive, HTTP/2 and TLS resumption buy a page load, measured. */
public final class BenchCommand {
    public static final String NAME = "bench";
    static final String PREFIX = "keepalive-lab bench: ";
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    /** The report is whole, but at least one page load failed. */
    static final int EXIT_LOADS_FAILED = 3;

    private BenchCommand() {
    }

    /** Runs the bench with the arguments after {@code bench}; returns the process's exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        BenchOptions.Outcome outcome = BenchOptions.parse(args, out, err);
        if (outcome instanceof BenchOptions.Exit exit) {
            return exit.code();
        }
        BenchConfig config = ((BenchOptions.Run) outcome).config();
        try (BenchTarget target = BenchTarget.of(config)) {
            InetSocketAddress address = target.resolvedAddress();
            boolean askHttp2 = config.modes().isEmpty() || config.modes().contains(ClientMode.H2);
            TargetProbe.Protocols protocols = TargetProbe.probe(target.url(), address, target.trust(), askHttp2);
            List<String> notMeasured = new ArrayList<>();
            List<ClientMode> modes = modes(config.modes(), protocols, target, notMeasured);
            ProgressBar progress = ProgressBar.onTerminal(err, modes.size() * (config.warmup() + config.rounds()));
            BenchResult result = measure(config, target, address, modes, notMeasured, progress);
            out.println(config.json() ? ResultJson.render(result) : ResultTable.render(result));
            out.flush();
            if (config.report().isPresent()) {
                writeReport(config, result);
            }
            return result.failedLoads() > 0 ? EXIT_LOADS_FAILED : EXIT_OK;
        } catch (BenchFailure e) {
            err.println(PREFIX + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(PREFIX + "interrupted");
        } catch (Exception e) {
            err.println(PREFIX + describe(e));
        }
        err.flush();
        return EXIT_FAILED;
    }

    /**
     * The modes to measure: those asked for, each of which the target must support; or, when none was asked for,
     * every mode it supports, with a note in {@code notMeasured} for each it does not.
     */
    static List<ClientMode> modes(List<ClientMode> asked, TargetProbe.Protocols protocols, BenchTarget target, List<String> notMeasured)
            throws BenchFailure {
        String where = target.url().getHost() + ":" + target.port();
        String noHttp2 = where + " does not speak HTTP/2: " + protocols.http2Evidence();
        if (asked.isEmpty()) {
            List<ClientMode> modes = new ArrayList<>();
            for (ClientMode mode : ClientMode.possible(target.trust().isPresent())) {
                if (mode.http2() && !protocols.http2()) {
                    notMeasured.add(mode.label() + ": " + noHttp2);
                } else {
                    modes.add(mode);
                }
            }
            return modes;
        }
        if (asked.contains(ClientMode.H2) && !protocols.http2()) {
            throw new BenchFailure(noHttp2 + "; drop h2 from " + BenchOption.MODES.flag());
        }
        return asked;
    }

    private static BenchResult measure(BenchConfig config, BenchTarget target, InetSocketAddress address, List<ClientMode> modes,
                                       List<String> notMeasured, ProgressBar progress) throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            DelayProxy proxy = config.rtt().isZero() ? null : DelayProxy.start(address, config.rtt());
            if (proxy != null) {
                open.add(proxy);
            }
            Map<ClientMode, PageLoader> direct = new LinkedHashMap<>();
            Map<ClientMode, PageLoader> measured = new LinkedHashMap<>();
            for (ClientMode mode : modes) {
                PageLoader loader = null;
                if (proxy == null || config.warmup() > 0) {
                    loader = new PageLoader(target.url(), mode, config.parallel(), Optional.empty(), Duration.ZERO, target.trust());
                    open.add(loader);
                    direct.put(mode, loader);
                }
                if (proxy != null) {
                    loader = new PageLoader(target.url(), mode, config.parallel(), Optional.of(proxy.address()), config.rtt(), target.trust());
                    open.add(loader);
                }
                measured.put(mode, loader);
            }
            return Benchmark.run(new Benchmark.Loaders(direct, measured), config, target, notMeasured, proxy, progress);
        } finally {
            progress.clear();
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }

    private static void writeReport(BenchConfig config, BenchResult result) throws BenchFailure {
        try {
            Files.writeString(config.report().get(), WaterfallReport.render(result));
        } catch (IOException e) {
            throw new BenchFailure("cannot write the report to " + config.report().get() + ": " + describe(e));
        }
    }

    /** The innermost cause's message: what went wrong, without a stack trace. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
