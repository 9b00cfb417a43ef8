package dev.keepalivelab.bench;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.Optional;

/** {@code java -jar keepalive-lab.jar bench [URL] [options]}: what keep-alive buys a page load, measured. */
public final class BenchCommand {
    public static final String NAME = "bench";
    static final String PREFIX = "keepalive-lab bench: ";
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;

    private BenchCommand() {
    }

    /** Runs the bench with the arguments after {@code bench}; returns the process's exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        BenchOptions.Outcome outcome = BenchOptions.parse(args, out, err);
        if (outcome instanceof BenchOptions.Exit exit) {
            return exit.code();
        }
        BenchConfig config = ((BenchOptions.Run) outcome).config();
        try (BenchTarget target = BenchTarget.of(config.url())) {
            BenchResult result = measure(config, target, ProgressBar.onTerminal(err, 2 * (config.warmup() + config.rounds())));
            out.println(config.json() ? ResultJson.render(result) : ResultTable.render(result));
            out.flush();
            return EXIT_OK;
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

    private static BenchResult measure(BenchConfig config, BenchTarget target, ProgressBar progress) throws Exception {
        InetSocketAddress address = target.reachableAddress();
        try (PageLoader direct = new PageLoader(target.url(), config.parallel(), Optional.empty());
             DelayProxy proxy = config.rtt().isZero() ? null : DelayProxy.start(address, config.rtt());
             PageLoader delayed = proxy == null ? null : new PageLoader(target.url(), config.parallel(), Optional.of(proxy.address()))) {
            return Benchmark.run(direct, delayed == null ? direct : delayed, config, target.url(), target.inProcessLab(), progress);
        } finally {
            progress.clear();
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
