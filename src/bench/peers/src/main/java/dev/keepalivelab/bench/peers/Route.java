package dev.keepalivelab.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One path a peer answers: the bytes of a file the harness saved from the lab, with the lab's Content-Type. */
record Route(String path, byte[] body, String contentType) {

    /** Reads the harness's routes file: one route a line, "path TAB file TAB content type". */
    static List<Route> read(Path routes) throws IOException {
        return Files.readAllLines(routes).stream().filter(line -> !line.isBlank()).map(Route::parse).toList();
    }

    private static Route parse(String line) {
        String[] fields = line.split("\t");
        if (fields.length != 3) {
            throw new IllegalArgumentException("a route is 'path TAB file TAB content type', not: " + line);
        }
        try {
            return new Route(fields[0], Files.readAllBytes(Path.of(fields[1])), fields[2]);
        } catch (IOException e) {
            throw new IllegalArgumentException("route " + fields[0] + ": cannot read " + fields[1], e);
        }
    }
}
