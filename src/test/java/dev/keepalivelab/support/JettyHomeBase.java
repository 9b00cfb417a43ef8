package dev.keepalivelab.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JETTY_BASE for the jetty-home distribution that the build unpacks into target/, set up as
 * jetty-config/README.md tells an operator: modules http and ee10-deploy, then jetty-config/'s files and the WAR.
 */
public final class JettyHomeBase {
    public static final Path JETTY_CONFIG = Path.of("jetty-config");
    static final String OVERRIDE = "webapps/keepalive-lab.d/override-web.xml";
    /** What jetty-config/README.md tells an operator to copy into $JETTY_BASE. */
    static final List<String> JETTY_CONFIG_DIRS = List.of("webapps", "start.d", "etc");
    /** jetty-config's files for HTTPS and HTTP/2, copied over the base after the modules ssl, https and http2. */
    static final Path JETTY_CONFIG_HTTPS = JETTY_CONFIG.resolve("https");
    /** Where jetty-config/https's ini expects the keystore, relative to the base. */
    static final String KEYSTORE = "etc/keepalive-lab.p12";
    /** The environment variable that jetty-config/https's XML reads the keystore password from. */
    public static final String KEYSTORE_PASSWORD_ENV = "KEEPALIVE_LAB_KEYSTORE_PASSWORD";

    private final Path home;
    private final Path base;
    /** The keystore of the TLS connector; null in a base without HTTPS. */
    private LabKeystore keystore;
    private int starts;

    private JettyHomeBase(Path home, Path base) {
        this.home = home;
        this.base = base;
    }

    /** The jetty-home directory Failsafe names in {@code keepalivelab.jettyHome}. */
    public static Path home() {
        String property = System.getProperty("keepalivelab.jettyHome");
        assertTrue(property != null, "system property keepalivelab.jettyHome is not set: run the ITs with mvn verify");
        Path home = Path.of(property);
        assertTrue(Files.isRegularFile(home.resolve("start.jar")), home + "/start.jar missing: mvn verify unpacks jetty-home");
        return home;
    }

    public static JettyHomeBase create(Path base) throws Exception {
        JettyHomeBase jetty = new JettyHomeBase(home(), base.toAbsolutePath());
        Files.createDirectories(jetty.base);
        jetty.addModules("http,ee10-deploy");
        for (String dir : JETTY_CONFIG_DIRS) {
            copyTree(JETTY_CONFIG.resolve(dir), jetty.base.resolve(dir));
        }
        Files.copy(LabWar.war(), jetty.base.resolve("webapps/keepalive-lab.war"));
        // Jetty unpacks the WAR into $JETTY_BASE/work when it exists, instead of the system temp directory.
        Files.createDirectories(jetty.base.resolve("work"));
        return jetty;
    }

    /**
     * A base as {@link #create} makes it, plus HTTPS and HTTP/2 as jetty-config/README.md tells: the modules ssl, https
     * and http2, jetty-config/https's files and the operator's keystore.
     */
    public static JettyHomeBase createWithTls(Path base, LabKeystore keystore) throws Exception {
        JettyHomeBase jetty = create(base);
        jetty.addModules("ssl,https,http2");
        for (String dir : List.of("start.d", "etc")) {
            copyTree(JETTY_CONFIG_HTTPS.resolve(dir), jetty.base.resolve(dir));
        }
        Files.copy(keystore.file(), jetty.base.resolve(KEYSTORE));
        jetty.keystore = keystore;
        return jetty;
    }

    private void addModules(String modules) throws Exception {
        Path log = base.resolve("add-modules-" + modules.replace(',', '-') + ".log");
        Process addModules = new ProcessBuilder(command("--add-modules=" + modules)).directory(base.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(addModules.waitFor(60, TimeUnit.SECONDS), "start.jar --add-modules=" + modules + " did not finish");
        assertEquals(0, addModules.exitValue(), Files.readString(log));
    }

    /** Writes jetty-config's override descriptor into this base with the edits an operator would make. */
    public void editInitParams(List<InitParamEdit> edits) throws IOException {
        String shipped = Files.readString(JETTY_CONFIG.resolve(OVERRIDE));
        Files.writeString(base.resolve(OVERRIDE), InitParamEdit.applyAll(edits, shipped));
    }

    /**
     * Starts Jetty as a child process on a free port of 127.0.0.1 (and a second one for HTTPS in a base with TLS);
     * its console goes to a log file in the base.
     */
    public JettyProcess start() throws IOException {
        Path log = base.resolve("jetty-" + ++starts + ".log");
        List<String> properties = new ArrayList<>(List.of("jetty.http.port=0", "jetty.http.host=127.0.0.1"));
        if (keystore != null) {
            properties.addAll(List.of("jetty.ssl.port=0", "jetty.ssl.host=127.0.0.1"));
        }
        ProcessBuilder builder = new ProcessBuilder(command(properties.toArray(String[]::new)))
                .directory(base.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove(KEYSTORE_PASSWORD_ENV);
        if (keystore != null) {
            builder.environment().put(KEYSTORE_PASSWORD_ENV, keystore.password());
        }
        return new JettyProcess(builder.start(), log);
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", home.resolve("start.jar").toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
