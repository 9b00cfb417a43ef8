package dev.keepalivelab.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepalivelab.checkcmd.CheckCommand;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client cards of docs/client-checks.md: {@code check -- COMMAND {url}} (the subcommand, in this JVM) for each real
 * client, the way a user runs it, with a command that GETs for every check but stale-post and one that POSTs for
 * stale-post. A cell is the check's verdict; the test fails when one departs from the documented table and prints the
 * table it measured (the whole cards, with the reasons, go to target/client-cards.md); {@code -Dcards.write=true}
 * writes the measured table into the docs instead.
 */
class ClientCardsIT {
    static final String WRITE_PROPERTY = "cards.write";
    static final MarkedTable TABLE = new MarkedTable(Path.of("docs/client-checks.md"),
            "<!-- client cards: measured by ClientCardsIT -->\n", "<!-- client cards end -->");
    static final Path CARDS = Path.of("target/client-cards.md");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDocumentedCardsAreWhatTheClientsDo() throws Exception {
        List<String> checks = new ArrayList<>();
        StringBuilder cards = new StringBuilder("# Client cards, as ClientCardsIT measured them\n");
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (CardClients.Client client : CardClients.all()) {
            String name = client.name().get();
            names.add(name);
            Map<String, String> cells = new LinkedHashMap<>();
            List<String> https = client.https() ? List.of("--https") : List.of();
            JsonNode getCard = check(name, client.timeout(), https, client.get().get(), cards);
            List<String> postOptions = new ArrayList<>(https);
            postOptions.addAll(List.of("--checks", "stale-post"));
            JsonNode postCard = client.post() == null ? null : check(name, client.timeout(), postOptions, client.post().get(), cards);
            for (JsonNode line : getCard.get("checks")) {
                String check = line.get("name").asText();
                JsonNode posted = postCard == null ? null : find(postCard, check);
                JsonNode cell = posted != null && posted.get("command").isObject() ? posted : line;
                if (!cell.get("command").isObject() && !check.equals("stale-post")) {
                    continue; // a check no command runs: the card says why
                }
                if (!checks.contains(check)) {
                    checks.add(check);
                }
                cells.put(check, cell.get("verdict").asText());
            }
            cells.put("User-Agent", userAgents(getCard));
            rows.add(cells);
        }
        Files.createDirectories(CARDS.getParent());
        Files.writeString(CARDS, cards);
        String table = table(names, rows, checks);
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            TABLE.write(table);
            System.out.println("ClientCardsIT wrote the measured cards into " + TABLE.docs() + ":\n" + table);
            return;
        }
        assertEquals(TABLE.documented(), table, TABLE.docs() + " says otherwise (-D" + WRITE_PROPERTY + "=true writes what was"
                + " measured; the whole cards are in " + CARDS + "); measured:\n" + table);
    }

    /** Runs {@code check --json [options] -- command}; its card, after checking that its exit status agrees with it. */
    private static JsonNode check(String name, String timeout, List<String> options, List<String> command, StringBuilder cards) throws Exception {
        List<String> args = new ArrayList<>(List.of("--json", "--timeout", timeout));
        args.addAll(options);
        args.add("--");
        args.addAll(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = CheckCommand.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertTrue(status == 0 || status == 1, name + ": check exited " + status + ": " + err);
        JsonNode card = JSON.readTree(out.toString());
        assertEquals(card.get("failed").asInt() > 0 ? 1 : 0, status, name + ": the exit status and the card disagree: " + out);
        assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("?")).toList(), name + ": processes left by check");
        cards.append("\n## ").append(name).append(options.isEmpty() ? "" : " " + String.join(" ", options)).append("\n\n");
        for (JsonNode line : card.get("checks")) {
            if (line.get("command").isObject()) {
                cards.append("- ").append(line.get("name").asText()).append(": **").append(line.get("verdict").asText()).append("**: ")
                        .append(line.get("reason").asText()).append(" (").append(line.get("command")).append(")\n");
            }
        }
        return card;
    }

    private static JsonNode find(JsonNode card, String check) {
        for (JsonNode line : card.get("checks")) {
            if (line.get("name").asText().equals(check)) {
                return line;
            }
        }
        return null;
    }

    private static String userAgents(JsonNode card) {
        List<String> agents = new ArrayList<>();
        for (JsonNode line : card.get("checks")) {
            line.get("userAgents").forEach(agent -> {
                if (!agents.contains(agent.asText())) {
                    agents.add(agent.asText());
                }
            });
        }
        return agents.isEmpty() ? "(none)" : "`" + String.join("`, `", agents) + "`";
    }

    static String table(List<String> names, List<Map<String, String>> rows, List<String> checks) {
        StringBuilder table = new StringBuilder("| client |");
        checks.forEach(check -> table.append(" `").append(check).append("` |"));
        table.append(" User-Agent the lab saw |\n|---|").append("---|".repeat(checks.size() + 1)).append('\n');
        for (int i = 0; i < names.size(); i++) {
            Map<String, String> cells = rows.get(i);
            table.append("| ").append(names.get(i)).append(" |");
            checks.forEach(check -> table.append(' ').append(cells.getOrDefault(check, "not-run")).append(" |"));
            table.append(' ').append(cells.get("User-Agent")).append(" |\n");
        }
        return table.toString();
    }
}
