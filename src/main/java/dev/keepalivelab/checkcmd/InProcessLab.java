package dev.keepalivelab.checkcmd;

import dev.keepalivelab.lab.check.Card;
import dev.keepalivelab.lab.check.CheckRun;
import dev.keepalivelab.lab.check.ClientChecks;
import dev.keepalivelab.lab.record.RequestRecord;
import dev.keepalivelab.server.LabServer;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.ServerSettings;
import dev.keepalivelab.settings.Setting;
import org.eclipse.jetty.server.Server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The lab the checks run on: in this process, on a free loopback port, at its defaults (the core engine), built by the
 * same factory as the main. Each check is a run of its own, judged from the lab's record once the command has ended.
 */
final class InProcessLab implements AutoCloseable {
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long the record may take to say how the command's last responses ended, after the command did: the server
     * records an exchange as it completes, which may be a moment after the client read it.
     */
    static final Duration SETTLE = Duration.ofSeconds(2);
    static final Duration SETTLE_POLL = Duration.ofMillis(10);
    /** The checks whose client waits between requests: one run of a command does not, so the command runs none of them. */
    static final List<String> TIMED_CHECKS = ClientChecks.timedChecks();
    /** Every check a command can run, in the lab's order. */
    static final List<String> CHECKS = ClientChecks.names().stream().filter(check -> !TIMED_CHECKS.contains(check)).toList();
    /** The checks whose steps are POSTs: a command that GETs cannot be judged on them. */
    static final List<String> POST_CHECKS = ClientChecks.defaultChecks(true);
    /** What {@code --checks all} runs: every check a command that GETs can be judged on. */
    static final List<String> GET_CHECKS = CHECKS.stream().filter(check -> !POST_CHECKS.contains(check)).toList();

    private final Server server;
    private final ClientChecks checks;
    private final String base;
    private final Optional<Path> certificate;
    /** Removes the certificate's file when this JVM is stopped (Ctrl-C, SIGTERM) before {@link #close}. */
    private final Optional<Thread> removeOnStop;

    private InProcessLab(Server server, String base, Optional<Path> certificate) {
        this.server = server;
        this.checks = LabServer.lab(server).orElseThrow().checks();
        this.base = base;
        this.certificate = certificate;
        this.removeOnStop = certificate.map(file -> OnStop.add("check: remove the certificate's file", () -> OnStop.removeQuietly(file)));
    }

    /**
     * Starts the lab on a free loopback port; with {@code https}, also over HTTPS on another, with a self-signed
     * certificate made now and written to a file of its own (PEM) for the client to trust.
     */
    static InProcessLab start(boolean https) throws Exception {
        ServerSettings settings = ServerSettings.of("127.0.0.1", 0, IDLE_TIMEOUT);
        Server server = LabServer.newServer(https ? settings.with(Setting.HTTPS_PORT, "0") : settings, LabSettings.defaults());
        try {
            LabServer.start(server);
            if (!https) {
                return new InProcessLab(server, "http://127.0.0.1:" + LabServer.localPort(server), Optional.empty());
            }
            Path pem = Files.createTempFile("keepalive-lab-check", ".pem");
            try {
                Files.writeString(pem, pem(LabServer.tlsKeys(server).orElseThrow().certificate()));
                return new InProcessLab(server, "https://127.0.0.1:" + LabServer.httpsPort(server).getAsInt(), Optional.of(pem));
            } catch (Exception e) {
                Files.deleteIfExists(pem);
                throw e;
            }
        } catch (Exception e) {
            server.stop();
            throw e;
        }
    }

    /** The lab's address the checks start from, e.g. {@code http://127.0.0.1:41234}. */
    String base() {
        return base;
    }

    /** The file of the lab's certificate (PEM), over HTTPS. */
    Optional<Path> certificate() {
        return certificate;
    }

    static String pem(X509Certificate certificate) throws CertificateEncodingException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** A run of {@code check} alone, for {@code client} (the command, as the card names it). */
    CheckRun start(String check, String client) {
        return checks.start(List.of(check), client);
    }

    /** The URL the command is given: the run's first step. */
    String url(CheckRun run) {
        return base + run.firstPath();
    }

    /** The lab's line for the run's check, told how the command ended, once the record has settled. */
    CheckLine judge(CheckRun run, CommandOutcome outcome) throws InterruptedException {
        if (outcome instanceof CommandOutcome.Exited exited) {
            run.exited(exited.status());
        }
        String check = run.checks().get(0);
        Card.Result result = settled(run, check);
        return new CheckLine(check, result.verdict().grade(), result.verdict().reason(), result.requests(), outcome);
    }

    private Card.Result settled(CheckRun run, String check) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE);
        while (true) {
            Card.Result result = checks.card(run).results().stream().filter(r -> r.check().equals(check)).findFirst().orElseThrow();
            if (result.requests().stream().map(RequestRecord::finished).allMatch(Objects::nonNull) || Instant.now().isAfter(deadline)) {
                return result;
            }
            Thread.sleep(SETTLE_POLL.toMillis());
        }
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            if (certificate.isPresent()) {
                Files.deleteIfExists(certificate.get());
            }
            removeOnStop.ifPresent(OnStop::cancel);
        }
    }
}
