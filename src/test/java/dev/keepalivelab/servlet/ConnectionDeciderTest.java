package dev.keepalivelab.servlet;

import dev.keepalivelab.servlet.ConnectionDecision.Reason;
import dev.keepalivelab.settings.ConnectionPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectionDeciderTest {

    @ParameterizedTest(name = "{0}: {1} {2} [{3}] request {4} of max {5} -> close={6} ({7})")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            policy close wins                | close      | HTTP/1.1 | keep-alive        | 1 | 0 | true  | POLICY
            keep-alive keeps                 | keep-alive | HTTP/1.1 | -                 | 1 | 0 | false | POLICY
            default keeps                    | default    | HTTP/1.1 | -                 | 1 | 0 | false | POLICY
            client close                     | keep-alive | HTTP/1.1 | close             | 1 | 0 | true  | CLIENT
            client close among tokens        | default    | HTTP/1.1 | TE, Close         | 1 | 0 | true  | CLIENT
            HTTP/1.0 without keep-alive      | keep-alive | HTTP/1.0 | -                 | 1 | 0 | true  | HTTP_1_0
            HTTP/1.0 asking keep-alive       | keep-alive | HTTP/1.0 | Keep-Alive        | 1 | 0 | false | POLICY
            below the limit                  | keep-alive | HTTP/1.1 | -                 | 2 | 3 | false | POLICY
            at the limit                     | keep-alive | HTTP/1.1 | -                 | 3 | 3 | true  | MAX_REQUESTS
            limit under default policy       | default    | HTTP/1.1 | -                 | 3 | 3 | true  | MAX_REQUESTS
            client close before the limit    | keep-alive | HTTP/1.1 | close             | 3 | 3 | true  | CLIENT
            token must match whole           | keep-alive | HTTP/1.1 | closed            | 1 | 0 | false | POLICY
            """)
    void decides(String name, String policy, String protocol, String connectionHeader, int request, int max,
                 boolean close, Reason reason) {
        ConnectionDecision decision = new ConnectionDecider(max)
                .decide(ConnectionPolicy.fromValue(policy).orElseThrow(), protocol, connectionHeader, request);
        assertEquals(new ConnectionDecision(close, reason, request), decision, name);
    }
}
