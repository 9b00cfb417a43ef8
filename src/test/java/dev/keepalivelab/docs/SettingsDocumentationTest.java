package dev.keepalivelab.docs;

import dev.keepalivelab.server.LabServer;
import dev.keepalivelab.servlet.KeepAliveLabServlet;
import dev.keepalivelab.lab.protocol.CloseReason;
import dev.keepalivelab.settings.InvalidSettingException;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.Setting;
import dev.keepalivelab.settings.SettingSource;
import dev.keepalivelab.text.Durations;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Setting.java is the one source of truth: web.xml, the table in docs/settings.md and every run mode's idle timeout follow it. */
class SettingsDocumentationTest {
    static final Path WEB_XML = Path.of("webapp/WEB-INF/web.xml");
    static final Path SETTINGS_PAGE = Path.of("docs/settings.md");
    static final Path POM = Path.of("pom.xml");
    static final Path JETTY_CONFIG = Path.of("jetty-config");
    static final Path JETTY_OVERRIDE = JETTY_CONFIG.resolve("webapps/keepalive-lab.d/override-web.xml");
    static final String HOW_TO_REGENERATE = "; regenerate with: java -cp target/classes:target/test-classes " + SettingsDocs.class.getName();

    @Test
    void webXmlListsEveryInitParamAtItsDefaultWithItsDoc() throws Exception {
        assertEquals(SettingsDocs.webXmlInitParams(),
                between(Files.readString(WEB_XML), SettingsDocs.WEB_XML_BEGIN, SettingsDocs.WEB_XML_END),
                "web.xml is out of step with Setting.java" + HOW_TO_REGENERATE);
    }

    @Test
    void jettyConfigOverrideDescriptorListsEveryInitParamAtItsDefault() throws Exception {
        assertEquals(SettingsDocs.webXmlInitParams(),
                between(Files.readString(JETTY_OVERRIDE), SettingsDocs.WEB_XML_BEGIN, SettingsDocs.WEB_XML_END),
                JETTY_OVERRIDE + " is out of step with Setting.java" + HOW_TO_REGENERATE);
    }

    @Test
    void shippedWebXmlParsesIntoTheDefaultSettings() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(WEB_XML.toFile());
        Element servlet = (Element) doc.getElementsByTagName("servlet").item(0);
        assertEquals(LabServer.SERVLET_NAME, text(servlet, "servlet-name"));
        assertEquals(KeepAliveLabServlet.class.getName(), text(servlet, "servlet-class"));
        assertEquals("1", text(servlet, "load-on-startup"));
        assertEquals("/", text((Element) doc.getElementsByTagName("servlet-mapping").item(0), "url-pattern"));

        Map<String, String> params = new HashMap<>();
        NodeList initParams = servlet.getElementsByTagName("init-param");
        for (int i = 0; i < initParams.getLength(); i++) {
            Element param = (Element) initParams.item(i);
            params.put(text(param, "param-name"), text(param, "param-value"));
        }
        SettingSource.requireKnownInitParams(params.keySet());
        assertEquals(Setting.inScope(Setting.Scope.SERVLET).size(), params.size(), "every init-param is listed");
        assertEquals(LabSettings.defaults(), LabSettings.from(SettingSource.initParams(params::get)));
    }

    @Test
    void settingsPageTableIsRenderedFromTheSettings() throws Exception {
        assertEquals(SettingsDocs.settingsTable(),
                between(Files.readString(SETTINGS_PAGE), SettingsDocs.SETTINGS_TABLE_BEGIN, SettingsDocs.SETTINGS_TABLE_END),
                "docs/settings.md's table is out of step with Setting.java" + HOW_TO_REGENERATE);
    }

    /** The docs quote the lab's messages and reasons: they must be the ones the code produces. */
    @Test
    void docsQuoteTheRealMessagesAndEveryReason() throws Exception {
        String typo = assertThrows(InvalidSettingException.class,
                () -> SettingSource.requireKnownInitParams(List.of("conection"))).getMessage();
        assertTrue(Files.readString(SETTINGS_PAGE).contains("keepalive-lab not started: " + typo), "docs/settings.md must quote: " + typo);
        assertTrue(Files.readString(JETTY_CONFIG.resolve("README.md")).contains("keepalive-lab not started: " + typo),
                "jetty-config/README.md must quote: " + typo);
        String settingsPage = Files.readString(SETTINGS_PAGE);
        for (CloseReason reason : CloseReason.all()) {
            assertTrue(settingsPage.contains("`" + reason.label() + "`"), "docs/settings.md must explain reason " + reason.label());
        }
    }

    @Test
    void jettyRunUsesTheDefaultIdleTimeout() throws Exception {
        Matcher m = Pattern.compile("<httpConnector>.*?<idleTimeout>(\\d+)</idleTimeout>", Pattern.DOTALL).matcher(Files.readString(POM));
        assertTrue(m.find(), "pom.xml's jetty plugin must set <httpConnector><idleTimeout>");
        assertEquals(defaultIdleTimeoutMillis(), Long.parseLong(m.group(1)));
    }

    @Test
    void jettyConfigUsesTheDefaultIdleTimeout() throws Exception {
        List<String> lines;
        try (Stream<Path> files = Files.walk(JETTY_CONFIG)) {
            lines = files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".ini"))
                    .flatMap(SettingsDocumentationTest::lines)
                    .filter(line -> line.startsWith("jetty.http.idleTimeout="))
                    .toList();
        }
        assertFalse(lines.isEmpty(), "jetty-config/ must set jetty.http.idleTimeout in an .ini file");
        assertEquals(List.of("jetty.http.idleTimeout=" + defaultIdleTimeoutMillis()), lines);
    }

    /** The TLS connectors of jetty-config/https and of mvn -Pjetty-https jetty:run have idle timeouts of their own. */
    @Test
    void theTlsConnectorsUseTheDefaultIdleTimeout() throws Exception {
        List<String> ssl = lines(JETTY_CONFIG.resolve("https/start.d/keepalive-lab-https.ini"))
                .filter(line -> line.startsWith("jetty.ssl.idleTimeout=")).toList();
        assertEquals(List.of("jetty.ssl.idleTimeout=" + defaultIdleTimeoutMillis()), ssl);
        Matcher m = Pattern.compile("<Set name=\"idleTimeout\">(\\d+)</Set>").matcher(Files.readString(Path.of("src/jetty-run/jetty-https.xml")));
        assertTrue(m.find(), "src/jetty-run/jetty-https.xml must set the TLS connector's idleTimeout");
        assertEquals(defaultIdleTimeoutMillis(), Long.parseLong(m.group(1)));
    }

    @Test
    void jettyConfigXmlFilesAreWellFormed() throws Exception {
        List<Path> xmlFiles;
        try (Stream<Path> files = Files.walk(JETTY_CONFIG)) {
            xmlFiles = files.filter(p -> p.toString().endsWith(".xml")).toList();
        }
        assertTrue(xmlFiles.size() >= 3, "context XML, override descriptor, request-timeout XML: " + xmlFiles);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (Path xml : xmlFiles) {
            factory.newDocumentBuilder().parse(xml.toFile()); // throws, naming the file's line, when malformed
        }
    }

    static long defaultIdleTimeoutMillis() {
        return Durations.parse(Setting.IDLE_TIMEOUT.defaultValue(), Duration.ZERO).toMillis();
    }

    static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String between(String text, String begin, String end) {
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertTrue(from >= 0 && to > from, "markers '" + begin.trim() + "' and '" + end.trim() + "' not found");
        return text.substring(from + begin.length(), to);
    }

    static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
    }
}
