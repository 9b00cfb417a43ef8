package dev.keepalivelab.lab.protocol;

import dev.keepalivelab.lab.protocol.ConnectionDecision.Reason;
import dev.keepalivelab.settings.ConnectionPolicy;
import dev.keepalivelab.settings.LabSettings;
import dev.keepalivelab.settings.SettingSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectionDeciderTest {
    static final String CURL = "curl/8.0";

    /** Init-params written as {@code name=value;name=value}, or {@code -} for the defaults. */
    static LabSettings settings(String params) {
        Map<String, String> map = params == null ? Map.of() : Arrays.stream(params.split(";"))
                .map(kv -> kv.split("=", 2)).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        return LabSettings.from(SettingSource.initParams(map::get));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            policy close wins                  | -                                | close      | HTTP/1.1 | keep-alive | /test1.jpg  | -           | 1 | 0    | true  | POLICY
            keep-alive keeps                   | -                                | keep-alive | HTTP/1.1 | -          | /test1.jpg  | curl/8.0    | 1 | 0    | false | POLICY
            default keeps                      | -                                | default    | HTTP/1.1 | -          | /test1.jpg  | curl/8.0    | 1 | 0    | false | POLICY
            client close                       | -                                | keep-alive | HTTP/1.1 | close      | /test1.jpg  | curl/8.0    | 1 | 0    | true  | CLIENT
            client close among tokens          | -                                | default    | HTTP/1.1 | TE, Close  | /test1.jpg  | curl/8.0    | 1 | 0    | true  | CLIENT
            token must match whole             | -                                | keep-alive | HTTP/1.1 | closed     | /test1.jpg  | curl/8.0    | 1 | 0    | false | POLICY
            HTTP/1.0 without keep-alive        | -                                | keep-alive | HTTP/1.0 | -          | /test1.jpg  | curl/8.0    | 1 | 0    | true  | HTTP_1_0
            HTTP/1.0 asking keep-alive         | -                                | keep-alive | HTTP/1.0 | Keep-Alive | /test1.jpg  | curl/8.0    | 1 | 0    | false | POLICY
            close path glob                    | closePaths=test11*.jpg           | keep-alive | HTTP/1.1 | -          | /test113.jpg | curl/8.0   | 1 | 0    | true  | CLOSE_PATHS
            close path glob under default      | closePaths=/test11?.jpg          | default    | HTTP/1.1 | -          | /test113.jpg | curl/8.0   | 1 | 0    | true  | CLOSE_PATHS
            close path glob not matching       | closePaths=test11?.jpg           | keep-alive | HTTP/1.1 | -          | /test11.jpg | curl/8.0    | 1 | 0    | false | POLICY
            close path for the page            | closePaths=/                     | keep-alive | HTTP/1.1 | -          | /           | curl/8.0    | 1 | 0    | true  | CLOSE_PATHS
            glob dots are literal              | closePaths=test1.jpg             | keep-alive | HTTP/1.1 | -          | /test1xjpg  | curl/8.0    | 1 | 0    | false | POLICY
            user agent matches                 | keepAliveDisable=MSIE [56]\\.    | keep-alive | HTTP/1.1 | -          | /test1.jpg  | Mozilla/4.0 (compatible; MSIE 6.0) | 1 | 0 | true | USER_AGENT
            user agent does not match          | keepAliveDisable=MSIE [56]\\.    | keep-alive | HTTP/1.1 | -          | /test1.jpg  | Mozilla/5.0 | 1 | 0    | false | POLICY
            no user agent                      | keepAliveDisable=.*              | keep-alive | HTTP/1.1 | -          | /test1.jpg  | -           | 1 | 0    | false | POLICY
            below the request limit            | maxRequestsPerConnection=3       | keep-alive | HTTP/1.1 | -          | /test1.jpg  | curl/8.0    | 2 | 0    | false | POLICY
            at the request limit               | maxRequestsPerConnection=3       | keep-alive | HTTP/1.1 | -          | /test1.jpg  | curl/8.0    | 3 | 0    | true  | MAX_REQUESTS
            request limit under default        | maxRequestsPerConnection=3       | default    | HTTP/1.1 | -          | /test1.jpg  | curl/8.0    | 3 | 0    | true  | MAX_REQUESTS
            client close before the limit      | maxRequestsPerConnection=3       | keep-alive | HTTP/1.1 | close      | /test1.jpg  | curl/8.0    | 3 | 0    | true  | CLIENT
            younger than the age limit         | maxConnectionAge=2s              | keep-alive | HTTP/1.1 | -          | /test1.jpg  | curl/8.0    | 9 | 1999 | false | POLICY
            at the age limit                   | maxConnectionAge=2s              | keep-alive | HTTP/1.1 | -          | /test1.jpg  | curl/8.0    | 9 | 2000 | true  | MAX_AGE
            """)
    void decides(String name, String params, String policy, String protocol, String connectionHeader, String path,
                 String userAgent, int request, long ageMillis, boolean close, Reason reason) {
        ConnectionDecision decision = new ConnectionDecider(settings(params)).decide(new ConnectionDecider.Request(
                ConnectionPolicy.fromValue(policy).orElseThrow(), protocol, connectionHeader, path, userAgent, request,
                Duration.ofMillis(ageMillis)));
        assertEquals(new ConnectionDecision(close, reason, request), decision, name);
    }
}
