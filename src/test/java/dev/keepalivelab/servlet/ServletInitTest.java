package dev.keepalivelab.servlet;

import dev.keepalivelab.support.StubServletConfig;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A bad init-param fails the servlet's init with one message; it never starts on a default. */
class ServletInitTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            conection                | close | Unknown init-param 'conection': allowed are connection, pageConnection, maxRequestsPerConnection, maxConnectionAge, closePaths, keepAliveDisable, keepAliveTimeout, cacheControl, connectionHeaders, allowOverrides, allowFaults, fault, faultOn, historySize, control.
            idleTimeout              | 30s   | Unknown init-param 'idleTimeout': allowed are connection, pageConnection, maxRequestsPerConnection, maxConnectionAge, closePaths, keepAliveDisable, keepAliveTimeout, cacheControl, connectionHeaders, allowOverrides, allowFaults, fault, faultOn, historySize, control.
            connection               | open  | Invalid value 'open' for init-param connection: allowed is keep-alive, close or default.
            maxRequestsPerConnection | -1    | Invalid value '-1' for init-param maxRequestsPerConnection: allowed is an integer from 0 to 2147483647.
            keepAliveTimeout         | 5     | Invalid value '5' for init-param keepAliveTimeout: allowed is off, or a duration of at least 1s (such as 5s, 1500ms).
            fault                    | reset | Invalid value 'reset' for init-param fault: this servlet container offers the Servlet API only, which can make delay and drip; reset needs the embedded main (java -jar keepalive-lab.jar).
            """)
    void badInitParamMakesTheServletUnavailable(String name, String value, String message) {
        var e = assertThrows(ServletException.class, () -> new KeepAliveLabServlet().init(new StubServletConfig(Map.of(name, value))));
        assertEquals("keepalive-lab not started: " + message, e.getMessage());
    }

    @Test
    void noInitParamsMeansEveryDefault() throws Exception {
        KeepAliveLabServlet servlet = new KeepAliveLabServlet();
        servlet.init(new StubServletConfig(Map.of()));
        assertEquals(dev.keepalivelab.settings.LabSettings.defaults(), servlet.settings());
    }
}
