package dev.keepalivelab.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the harness's routes as the stubs WireMock and MockServer load at start, bodies inlined in base64 so that
 * both answer from memory: WireMock's mappings file (its root-dir's mappings/) and MockServer's expectation
 * initialisation file (its mockserver.initializationJsonPath).
 * Usage: StubFiles routes-file wiremock-root-dir mockserver-json.
 */
public final class StubFiles {

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: StubFiles <routes file> <WireMock root dir> <MockServer expectations file>");
            System.exit(2);
        }
        List<Route> routes = Route.read(Path.of(args[0]));
        Path mappings = Files.createDirectories(Path.of(args[1], "mappings"));
        Files.createDirectories(Path.of(args[1], "__files"));
        Files.writeString(mappings.resolve("routes.json"), wireMock(routes));
        Files.writeString(Path.of(args[2]), mockServer(routes));
    }

    /**
     * WireMock tries the most recently added stub first, so the routes go in reverse: the page and the first image, which
     * the loads ask for, are the ones it tries first, as in a test with a stub or two.
     */
    private static String wireMock(List<Route> routes) {
        List<Route> newestFirst = new ArrayList<>(routes);
        Collections.reverse(newestFirst);
        return newestFirst.stream().map(route -> """
                {"request": {"method": "GET", "urlPath": %s},
                 "response": {"status": 200, "headers": {"Content-Type": %s}, "base64Body": "%s"}}"""
                .formatted(quoted(route.path()), quoted(route.contentType()), base64(route)))
                .collect(Collectors.joining(",\n", "{\"mappings\": [\n", "\n]}\n"));
    }

    private static String mockServer(List<Route> routes) {
        return routes.stream().map(route -> """
                {"httpRequest": {"method": "GET", "path": %s},
                 "httpResponse": {"statusCode": 200, "headers": {"Content-Type": [%s]},
                                  "body": {"type": "BINARY", "base64Bytes": "%s"}}}"""
                .formatted(quoted(route.path()), quoted(route.contentType()), base64(route)))
                .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
    }

    private static String base64(Route route) {
        return Base64.getEncoder().encodeToString(route.body());
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
