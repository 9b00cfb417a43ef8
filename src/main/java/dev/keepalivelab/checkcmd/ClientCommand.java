package dev.keepalivelab.checkcmd;

import dev.keepalivelab.options.UsageError;

import java.util.List;

/** The user's command, as given after {@code --}: a program and its arguments, one of which holds {@value #URL}. */
record ClientCommand(List<String> words) {
    static final String URL = "{url}";

    ClientCommand {
        words = List.copyOf(words);
    }

    /** The words after {@code --}; refused when there are none, or none holds {@value #URL}. */
    static ClientCommand of(List<String> words) {
        if (words.isEmpty()) {
            throw new UsageError("no client command: give it after --, with " + URL + " where its URL goes, e.g. check -- "
                    + CheckCommand.EXAMPLE + ".");
        }
        if (words.stream().noneMatch(word -> word.contains(URL))) {
            throw new UsageError("the command '" + String.join(" ", words) + "' has no " + URL + ": put " + URL
                    + " where the client takes its URL, e.g. " + CheckCommand.EXAMPLE + ".");
        }
        return new ClientCommand(words);
    }

    /** The command as one line, as the card names it. */
    String text() {
        return String.join(" ", words);
    }

    /** The command with every {@value #URL} replaced by {@code url}. */
    List<String> forUrl(String url) {
        return words.stream().map(word -> word.replace(URL, url)).toList();
    }
}
