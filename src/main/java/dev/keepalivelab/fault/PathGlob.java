package dev.keepalivelab.fault;

import java.util.regex.Pattern;

/** A path glob as {@code closePaths} and {@code faultOn} write it. */
public final class PathGlob {
    private PathGlob() {
    }

    /** {@code *} matches any run of characters, {@code ?} one; a glob without a leading slash gets one. */
    public static Pattern pattern(String glob) {
        String rooted = glob.startsWith("/") ? glob : "/" + glob;
        StringBuilder regex = new StringBuilder();
        for (String literal : rooted.split("(?=[*?])|(?<=[*?])")) {
            switch (literal) {
                case "*" -> regex.append(".*");
                case "?" -> regex.append('.');
                default -> regex.append(Pattern.quote(literal));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
