package dev.keepalivelab.checkcmd;

import dev.keepalivelab.options.UsageError;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The user's command, as given after {@code --}: a program and its arguments, one of which holds {@value #URL}, and
 * with {@code --https} maybe {@value #CACERT}.
 */
record ClientCommand(List<String> words) {
    static final String URL = "{url}";
    static final String CACERT = "{cacert}";

    ClientCommand {
        words = List.copyOf(words);
    }

    /** The words after {@code --}; refused when there are none, none holds {@value #URL}, or one holds {@value #CACERT} without HTTPS. */
    static ClientCommand of(List<String> words, boolean https) {
        if (words.isEmpty()) {
            throw new UsageError("no client command: give it after --, with " + URL + " where its URL goes, e.g. check -- "
                    + CheckCommand.EXAMPLE + ".");
        }
        if (words.stream().noneMatch(word -> word.contains(URL))) {
            throw new UsageError("the command '" + String.join(" ", words) + "' has no " + URL + ": put " + URL
                    + " where the client takes its URL, e.g. " + CheckCommand.EXAMPLE + ".");
        }
        if (!https && words.stream().anyMatch(word -> word.contains(CACERT))) {
            throw new UsageError("the command '" + String.join(" ", words) + "' names " + CACERT + ", the certificate of the lab"
                    + " over HTTPS: add " + CheckOption.HTTPS.flag() + ", or drop " + CACERT + ".");
        }
        return new ClientCommand(words);
    }

    /** The command as one line, as the card names it. */
    String text() {
        return String.join(" ", words);
    }

    /** The command with every {@value #URL} replaced by {@code url}, and every {@value #CACERT} by the certificate's file. */
    List<String> forUrl(String url, Optional<Path> cacert) {
        return words.stream().map(word -> word.replace(URL, url))
                .map(word -> cacert.map(file -> word.replace(CACERT, file.toString())).orElse(word)).toList();
    }
}
