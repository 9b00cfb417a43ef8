package dev.keepalivelab.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One HTTP/1.x response as it came off the socket. Header names are kept lower-cased. */
public record RawResponse(String statusLine, int status, Map<String, List<String>> headers, byte[] body) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? Optional.empty() : Optional.of(String.join(", ", values));
    }

    public boolean hasHeader(String name) {
        return headers.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Whether its {@code Connection} header announces the close. */
    public boolean announcesClose() {
        return header("Connection").orElse("").contains("close");
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return statusLine + " " + headers;
    }
}
