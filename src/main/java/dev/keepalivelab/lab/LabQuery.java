package dev.keepalivelab.lab;

import dev.keepalivelab.lab.check.CheckAnswer;
import dev.keepalivelab.lab.page.PageLanguage;
import dev.keepalivelab.lab.page.PageLinks;
import dev.keepalivelab.lab.record.RequestRecord;
import dev.keepalivelab.settings.ConnectionPolicy;
import dev.keepalivelab.fault.Fault;
import dev.keepalivelab.fault.Faults;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The query parameters the lab understands, parsed strictly.
 *
 * @param override a per-request {@code ?connection=} policy; empty when absent or when overrides are off
 * @param pageLoad the page load a request belongs to ({@code ?load=}), or 0
 * @param since    {@code /connections?since=}: only requests with a larger id, or 0
 * @param language the page's language as {@code ?lang=} names it; empty when absent (Accept-Language decides)
 * @param fault    a per-request {@code ?fault=}; empty when absent or when faults are off
 * @param client   a {@code ?client=} tag that names the client in the record in place of its User-Agent; empty when absent
 * @param keepAliveHint the {@code Keep-Alive: timeout} a check's step advertises in place of the lab's; else empty
 * @param idleTimeout   the idle timeout a check's step gives its connection from its response on; else empty
 */
record LabQuery(Optional<ConnectionPolicy> override, long pageLoad, long since, Optional<PageLanguage> language,
                Optional<Fault> fault, Optional<String> client, Optional<Duration> keepAliveHint, Optional<Duration> idleTimeout) {
    static final LabQuery NONE = new LabQuery(Optional.empty(), 0, 0, Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());
    static final String CLIENT = "client";
    static final String CLIENT_TAG = "[A-Za-z0-9._~-]{1,64}";
    static final String CONNECTION = PageLinks.CONNECTION;
    static final String LANG = PageLinks.LANG;
    static final String FAULT = "fault";
    static final String LOAD = PageLinks.LOAD;
    static final String SINCE = "since";
    /** The most digits a load or since id may have: any number of 18 digits fits in a long. */
    static final int MAX_ID_DIGITS = 18;
    static final String ALLOWED_POLICIES = Arrays.stream(ConnectionPolicy.values())
            .map(ConnectionPolicy::value).collect(Collectors.joining(", "));

    /** A query parameter the lab cannot accept; its message never repeats the value, so nothing sent is reflected. */
    static final class BadQueryException extends Exception {
        BadQueryException(String message) {
            super(message);
        }
    }

    /** This query with the connection behaviour a check's step gives its response in place of its own. */
    LabQuery step(CheckAnswer step) {
        return new LabQuery(step.policy(), pageLoad, since, language, step.fault(), client, step.keepAliveHint(), step.idleTimeout());
    }

    /** Who sent {@code request}: its {@code ?client=} tag, else its User-Agent, else {@link RequestRecord#NO_CLIENT}. */
    String clientOf(LabRequest request) {
        return client.orElseGet(() -> {
            String userAgent = request.header("User-Agent");
            return userAgent == null ? RequestRecord.NO_CLIENT : RequestRecord.recordedPath(userAgent);
        });
    }

    /** The language a page for {@code request} speaks: its {@code ?lang=}, else what its Accept-Language prefers. */
    PageLanguage languageFor(LabRequest request) {
        return language.orElseGet(() -> PageLanguage.preferredBy(request.header("Accept-Language")));
    }

    static LabQuery parse(LabRequest request, boolean allowOverrides, boolean allowFaults) throws BadQueryException {
        Map<String, List<String>> parameters;
        try {
            parameters = QueryParameters.parse(request.rawQuery());
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("Invalid query: it is not valid percent-encoded UTF-8.");
        }
        return parse(parameters, allowOverrides, allowFaults);
    }

    private static LabQuery parse(Map<String, List<String>> request, boolean allowOverrides, boolean allowFaults)
            throws BadQueryException {
        Optional<ConnectionPolicy> override = Optional.empty();
        String policy = allowOverrides ? single(request, CONNECTION) : null;
        if (policy != null) {
            override = Optional.of(ConnectionPolicy.fromValue(policy).orElseThrow(() -> new BadQueryException(
                    "Invalid query parameter connection: allowed are " + ALLOWED_POLICIES + ".")));
        }
        Optional<PageLanguage> language = Optional.empty();
        String tag = single(request, LANG);
        if (tag != null) {
            language = Optional.of(PageLanguage.fromTag(tag).orElseThrow(() -> new BadQueryException(
                    "Invalid query parameter lang: allowed are " + PageLanguage.ALLOWED + ".")));
        }
        Optional<Fault> fault = Optional.empty();
        String faultName = allowFaults ? single(request, FAULT) : null;
        if (faultName != null) {
            fault = Optional.of(Faults.parse(faultName).orElseThrow(() -> new BadQueryException(
                    "Invalid query parameter fault: allowed are " + Faults.ALLOWED + ".")));
        }
        String client = single(request, CLIENT);
        if (client != null && !client.matches(CLIENT_TAG)) {
            throw new BadQueryException("Invalid query parameter client: allowed is a tag of 1 to 64 letters, digits, '.', '_',"
                    + " '~' or '-'.");
        }
        return new LabQuery(override, id(request, LOAD), id(request, SINCE), language, fault, Optional.ofNullable(client),
                Optional.empty(), Optional.empty());
    }

    /** Whether {@code /connections} with this query shows {@code record}: {@code ?since=} and {@code ?load=} select. */
    boolean selects(RequestRecord record) {
        return record.id() > since && (pageLoad == 0 || record.facts().pageLoad() == pageLoad);
    }

    private static long id(Map<String, List<String>> request, String name) throws BadQueryException {
        String value = single(request, name);
        if (value == null) {
            return 0;
        }
        if (!value.matches("\\d{1," + MAX_ID_DIGITS + "}")) {
            throw new BadQueryException("Invalid query parameter " + name + ": allowed is a request id: a whole number of at most "
                    + MAX_ID_DIGITS + " digits.");
        }
        return Long.parseLong(value);
    }

    private static String single(Map<String, List<String>> request, String name) throws BadQueryException {
        List<String> values = request.getOrDefault(name, List.of());
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadQueryException("Query parameter " + name + " given " + values.size() + " times: give it once.");
        }
        return values.get(0);
    }
}
