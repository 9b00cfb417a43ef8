package dev.keepalivelab.checkcmd;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each command line {@code check} refuses: exit status 2, one line naming the value and what is allowed, and where the help is; no lab started. */
class CheckUsageErrorsTest {
    static final String TRY_HELP = "Try 'java -jar keepalive-lab.jar check --help' for more.";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no --                  | curl {url}                                  | 'curl' before --: the client's command goes after --, e.g. check -- curl -sSfL -o /dev/null {url}.
            nothing at all         | ''                                          | no client command: give it after --, with {url} where its URL goes, e.g. check -- curl -sSfL -o /dev/null {url}.
            nothing after --       | --json --                                   | no client command: give it after --, with {url} where its URL goes, e.g. check -- curl -sSfL -o /dev/null {url}.
            no {url}               | -- curl -sL http://example.test/            | the command 'curl -sL http://example.test/' has no {url}: put {url} where the client takes its URL, e.g. curl -sSfL -o /dev/null {url}.
            {cacert} without https | -- curl --cacert {cacert} {url}             | the command 'curl --cacert {cacert} {url}' names {cacert}, the certificate of the lab over HTTPS: add --https, or drop {cacert}.
            unknown check          | --checks reuse,fastest -- curl {url}        | Invalid value 'reuse,fastest' for --checks: no check is named 'fastest'; allowed is a comma-separated list of CHECKS; or all.
            empty check name       | --checks reuse,,goaway -- curl {url}        | Invalid value 'reuse,,goaway' for --checks: an empty name; allowed is a comma-separated list of CHECKS; or all.
            timed check            | --checks reuse,keep-alive-timeout -- curl {url} | Invalid value 'reuse,keep-alive-timeout' for --checks: keep-alive-timeout is timed: its client waits between requests, which one run of a command does not; the browser's /check page and code (the Java API) run it; allowed is a comma-separated list of CHECKS; or all.
            idle-timeout           | --checks idle-timeout -- curl {url}         | Invalid value 'idle-timeout' for --checks: idle-timeout is timed: its client waits between requests, which one run of a command does not; the browser's /check page and code (the Java API) run it; allowed is a comma-separated list of CHECKS; or all.
            check named twice      | --checks reuse,goaway,reuse -- curl {url}   | Invalid value 'reuse,goaway,reuse' for --checks: reuse is named twice.
            timeout without unit   | --timeout 30 -- curl {url}                  | Invalid value '30' for --timeout: allowed is a duration from 1s to 1h (e.g. 30s).
            timeout too short      | --timeout 999ms -- curl {url}               | Invalid value '999ms' for --timeout: allowed is a duration from 1s to 1h (e.g. 30s).
            timeout too long       | --timeout 61m -- curl {url}                 | Invalid value '61m' for --timeout: allowed is a duration from 1s to 1h (e.g. 30s).
            timeout with no value  | --timeout -- curl {url}                     | Missing required parameter for option '--timeout' (<duration>): allowed is a duration from 1s to 1h (e.g. 30s).
            unknown option         | --retries 3 -- curl {url}                   | Unknown option: '--retries'
            """)
    void refusedWithOneLineAndExitStatus2(String name, String args, String message) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = CheckCommand.run(args.isEmpty() ? new String[0] : args.split(" "), new PrintWriter(out, true), new PrintWriter(err, true),
                https -> {
                    throw new AssertionError("a usage error starts no lab");
                });
        String expected = CheckCommand.PREFIX + message.replace("CHECKS", String.join(", ", InProcessLab.CHECKS));
        assertEquals(List.of(expected, TRY_HELP), err.toString().lines().toList(), name);
        assertEquals(2, status, name);
        assertEquals("", out.toString(), name);
    }
}
