package dev.keepalivelab.clients;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The interop matrix as docs/testing-clients.md holds it, between its markers: read, compared cell by cell with a
 * measured one, or written from one.
 */
final class MatrixTable {
    static final Path DOCS = Path.of("docs/testing-clients.md");
    static final String BEGIN = "<!-- interop matrix: measured by InteropMatrixIT -->\n";
    static final String END = "<!-- interop matrix end -->";
    /** How the docs mark a cell seen to give either result, run to run, until a fix makes it hold one. */
    static final String VARIES = "⚠ varies";
    /** A cell where the client failed one or more requests, followed in the cell by its first error's class if any. */
    static final String FAILS = "✗ fails";
    private static final Pattern FAILED_WITH_CLASS = Pattern.compile(Pattern.quote(FAILS) + "( · [A-Za-z0-9]+)?");

    private static final MarkedTable TABLE = new MarkedTable(DOCS, BEGIN, END);

    private MatrixTable() {
    }

    /** The documented table, or a line saying there is none. */
    static String documented() throws IOException {
        return TABLE.documented();
    }

    /** Puts {@code table} between the markers in place of the documented one. */
    static void write(String table) throws IOException {
        TABLE.write(table);
    }

    /**
     * The measured table with each cell that the documented one marks {@value #VARIES} (a cell seen to give either
     * result, run to run) taken from the documented table where the measured cell is one of the alternatives it names
     * ({@code ⚠ varies: A or B}); any other measured cell stays, to show as a departure.
     */
    static String acceptingVaryingCells(String documented, String measured) {
        List<String> documentedRows = documented.lines().toList();
        List<String> measuredRows = measured.lines().toList();
        if (documentedRows.size() != measuredRows.size()) {
            return measured;
        }
        StringBuilder accepted = new StringBuilder();
        for (int row = 0; row < measuredRows.size(); row++) {
            String[] documentedCells = documentedRows.get(row).split("\\|", -1);
            String[] measuredCells = measuredRows.get(row).split("\\|", -1);
            for (int cell = 0; cell < measuredCells.length && documentedCells.length == measuredCells.length; cell++) {
                String measuredCell = measuredCells[cell];
                if (alternatives(documentedCells[cell]).stream().anyMatch(alternative -> holds(alternative, measuredCell))) {
                    measuredCells[cell] = documentedCells[cell];
                }
            }
            accepted.append(String.join("|", measuredCells)).append('\n');
        }
        return accepted.toString();
    }

    /** The results a {@value #VARIES} cell allows, as written after its colon; none for any other cell. */
    static List<String> alternatives(String documentedCell) {
        String cell = withoutRunDetails(documentedCell).trim();
        if (!cell.startsWith(VARIES + ":")) {
            return List.of();
        }
        return Stream.of(cell.substring(VARIES.length() + 1).split(" or ")).map(String::trim).toList();
    }

    /**
     * Whether a measured cell is the result {@code alternative} names: the same text, or any error class of a client's
     * failure where the alternative names none ({@value #FAILS} alone).
     */
    private static boolean holds(String alternative, String measuredCell) {
        String measured = withoutRunDetails(measuredCell).trim();
        return measured.equals(alternative) || alternative.equals(FAILS) && FAILED_WITH_CLASS.matcher(measured).matches();
    }

    /** Each cell where the two tables differ, named by its row's first two cells and its column's heading. */
    static List<String> departures(String documented, String measured) {
        List<String> documentedRows = documented.lines().toList();
        List<String> measuredRows = measured.lines().toList();
        if (documentedRows.size() != measuredRows.size() || documentedRows.isEmpty()) {
            return List.of("the tables have " + documentedRows.size() + " and " + measuredRows.size() + " rows");
        }
        String[] headings = measuredRows.get(0).split("\\|", -1);
        List<String> departures = new ArrayList<>();
        for (int row = 0; row < measuredRows.size(); row++) {
            String[] documentedCells = documentedRows.get(row).split("\\|", -1);
            String[] measuredCells = measuredRows.get(row).split("\\|", -1);
            for (int cell = 0; cell < Math.min(documentedCells.length, measuredCells.length); cell++) {
                if (!documentedCells[cell].equals(measuredCells[cell])) {
                    departures.add(measuredCells[1].trim() + ", " + measuredCells[2].trim() + ", " + headings[Math.min(cell, headings.length - 1)].trim()
                            + ": documented '" + documentedCells[cell].trim() + "', measured '" + measuredCells[cell].trim() + "'");
                }
            }
        }
        return departures;
    }

    /** The cells without what varies from run to run (the counts in {@code <sub>}). */
    static String withoutRunDetails(String table) {
        return table.replaceAll(" <sub>[^<]*</sub>", "");
    }
}
