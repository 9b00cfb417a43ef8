package dev.keepalivelab.lab.protocol;

import dev.keepalivelab.lab.protocol.ConnectionDecision.Reason;
import dev.keepalivelab.settings.ConnectionPolicy;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.SettingSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.keepalivelab.lab.protocol.ConnectionDecision.Reason.CLIENT;
import static dev.keepalivelab.lab.protocol.ConnectionDecision.Reason.CLOSE_PATHS;
import static dev.keepalivelab.lab.protocol.ConnectionDecision.Reason.HTTP_1_0;
import static dev.keepalivelab.lab.protocol.ConnectionDecision.Reason.MAX_AGE;
import static dev.keepalivelab.lab.protocol.ConnectionDecision.Reason.MAX_REQUESTS;
import static dev.keepalivelab.lab.protocol.ConnectionDecision.Reason.POLICY;
import static dev.keepalivelab.lab.protocol.ConnectionDecision.Reason.USER_AGENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectionDeciderTest {
    static final String CURL = "curl/8.0";

    /**
     * One row of the truth table: the lab's settings, the request as the decider sees it, and the decision expected.
     * A row starts from {@link #named}, a first GET of {@code /test1.jpg} by curl over HTTP/1.1 under the keep-alive
     * policy at the default settings, and says only where it differs.
     *
     * @param settings         init-params written as {@code name=value;name=value}; null for the defaults
     * @param connectionHeader the request's {@code Connection} header; null for none
     * @param userAgent        null for none
     * @param request          the request's 1-based index on its connection
     * @param age              how long ago the connection's first request came
     */
    record Case(String name, String settings, String policy, String protocol, String connectionHeader, String path,
                String userAgent, int request, Duration age, boolean close, Reason reason) {
        static Case named(String name) {
            return new Case(name, null, "keep-alive", "HTTP/1.1", null, "/test1.jpg", CURL, 1, Duration.ZERO, false, null);
        }

        Case settings(String params) {
            return new Case(name, params, policy, protocol, connectionHeader, path, userAgent, request, age, close, reason);
        }

        Case policy(String value) {
            return new Case(name, settings, value, protocol, connectionHeader, path, userAgent, request, age, close, reason);
        }

        Case protocol(String value) {
            return new Case(name, settings, policy, value, connectionHeader, path, userAgent, request, age, close, reason);
        }

        Case connection(String header) {
            return new Case(name, settings, policy, protocol, header, path, userAgent, request, age, close, reason);
        }

        Case path(String value) {
            return new Case(name, settings, policy, protocol, connectionHeader, value, userAgent, request, age, close, reason);
        }

        Case userAgent(String value) {
            return new Case(name, settings, policy, protocol, connectionHeader, path, value, request, age, close, reason);
        }

        Case request(int index, Duration sinceFirst) {
            return new Case(name, settings, policy, protocol, connectionHeader, path, userAgent, index, sinceFirst, close, reason);
        }

        Case kept(Reason why) {
            return new Case(name, settings, policy, protocol, connectionHeader, path, userAgent, request, age, false, why);
        }

        Case closed(Reason why) {
            return new Case(name, settings, policy, protocol, connectionHeader, path, userAgent, request, age, true, why);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                Case.named("policy close wins").policy("close").connection("keep-alive").userAgent(null).closed(POLICY),
                Case.named("keep-alive keeps").kept(POLICY),
                Case.named("default keeps").policy("default").kept(POLICY),
                Case.named("client close").connection("close").closed(CLIENT),
                Case.named("client close among tokens").policy("default").connection("TE, Close").closed(CLIENT),
                Case.named("token must match whole").connection("closed").kept(POLICY),
                Case.named("HTTP/1.0 without keep-alive").protocol("HTTP/1.0").closed(HTTP_1_0),
                Case.named("HTTP/1.0 asking keep-alive").protocol("HTTP/1.0").connection("Keep-Alive").kept(POLICY),
                Case.named("close path glob").settings("closePaths=test11*.jpg").path("/test113.jpg").closed(CLOSE_PATHS),
                Case.named("close path glob under default").settings("closePaths=/test11?.jpg").policy("default")
                        .path("/test113.jpg").closed(CLOSE_PATHS),
                Case.named("close path glob not matching").settings("closePaths=test11?.jpg").path("/test11.jpg").kept(POLICY),
                Case.named("close path for the page").settings("closePaths=/").path("/").closed(CLOSE_PATHS),
                Case.named("glob dots are literal").settings("closePaths=test1.jpg").path("/test1xjpg").kept(POLICY),
                Case.named("user agent matches").settings("keepAliveDisable=MSIE [56]\\.")
                        .userAgent("Mozilla/4.0 (compatible; MSIE 6.0)").closed(USER_AGENT),
                Case.named("user agent does not match").settings("keepAliveDisable=MSIE [56]\\.").userAgent("Mozilla/5.0")
                        .kept(POLICY),
                Case.named("no user agent").settings("keepAliveDisable=.*").userAgent(null).kept(POLICY),
                Case.named("below the request limit").settings("maxRequestsPerConnection=3").request(2, Duration.ZERO)
                        .kept(POLICY),
                Case.named("at the request limit").settings("maxRequestsPerConnection=3").request(3, Duration.ZERO)
                        .closed(MAX_REQUESTS),
                Case.named("request limit under default").settings("maxRequestsPerConnection=3").policy("default")
                        .request(3, Duration.ZERO).closed(MAX_REQUESTS),
                Case.named("client close before the limit").settings("maxRequestsPerConnection=3").connection("close")
                        .request(3, Duration.ZERO).closed(CLIENT),
                Case.named("younger than the age limit").settings("maxConnectionAge=2s").request(9, Duration.ofMillis(1999))
                        .kept(POLICY),
                Case.named("at the age limit").settings("maxConnectionAge=2s").request(9, Duration.ofMillis(2000))
                        .closed(MAX_AGE));
    }

    /** Init-params written as {@code name=value;name=value}, or null for the defaults. */
    static LabSettings settings(String params) {
        Map<String, String> map = params == null ? Map.of() : Arrays.stream(params.split(";"))
                .map(kv -> kv.split("=", 2)).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        return LabSettings.from(SettingSource.initParams(map::get));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        ConnectionDecision decision = new ConnectionDecider(settings(c.settings())).decide(new ConnectionDecider.Request(
                ConnectionPolicy.fromValue(c.policy()).orElseThrow(), c.protocol(), c.connectionHeader(), c.path(),
                c.userAgent(), c.request(), c.age(), false));
        assertEquals(new ConnectionDecision(c.close(), c.reason(), c.request()), decision, c.name());
    }
}
