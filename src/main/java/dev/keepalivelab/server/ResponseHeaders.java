package dev.keepalivelab.server;

import dev.keepalivelab.lab.LabResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts a response's headers and Content-Type into Jetty's fields, on HTTP/1 the lab's fixed headers and its content types
 * (constants of its code) as fields encoded once, which Jetty copies instead of encoding them per response.
 */
final class ResponseHeaders {
    private final Map<LabResponse.Header, HttpField> fixed = new ConcurrentHashMap<>();
    private final Map<String, HttpField> contentTypes = new ConcurrentHashMap<>();

    void write(LabResponse answer, HttpVersion version, HttpFields.Mutable headers) {
        // HTTP/2's HPACK sends a pre-encoded field whole each time, where it would index a plain one after its first.
        boolean preEncode = version.getVersion() < HttpVersion.HTTP_2.getVersion();
        for (LabResponse.Header header : answer.headers()) {
            if (preEncode && header.fixed()) {
                headers.put(fixed.computeIfAbsent(header, h -> new PreEncodedHttpField(h.name(), h.value())));
            } else {
                headers.put(header.name(), header.value());
            }
        }
        String contentType = answer.contentType();
        if (contentType != null) {
            headers.put(preEncode ? contentTypes.computeIfAbsent(contentType, type -> new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, type))
                    : new HttpField(HttpHeader.CONTENT_TYPE, contentType));
        }
    }
}
