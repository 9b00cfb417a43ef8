package dev.keepalivelab.testing;

import com.fasterxml.jackson.jr.ob.JSON;

import java.util.Map;

/** What a lab's error answer says: the {@code error} of its JSON body, or else the body as it is. */
final class ErrorBody {
    private ErrorBody() {
    }

    static String message(String body) {
        try {
            Map<String, Object> json = JSON.std.mapFrom(body);
            if (json.get("error") instanceof String error) {
                return error;
            }
        } catch (Exception notJson) {
            // a 403 or a proxy's page: the body says it
        }
        return body.strip();
    }
}
