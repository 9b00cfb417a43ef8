package dev.keepalivelab.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    private MatrixTable() {
    }

    /** The documented table, or a line saying there is none. */
    static String documented() throws IOException {
        String docs = Files.readString(DOCS);
        int begin = docs.indexOf(BEGIN);
        int end = docs.indexOf(END);
        return begin < 0 || end < begin ? "(no table in " + DOCS + ")" : docs.substring(begin + BEGIN.length(), end);
    }

    /** Puts {@code table} between the markers in place of the documented one. */
    static void write(String table) throws IOException {
        String docs = Files.readString(DOCS);
        int begin = docs.indexOf(BEGIN);
        int end = docs.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new AssertionError(DOCS + " has no markers " + BEGIN.trim() + " ... " + END);
        }
        Files.writeString(DOCS, docs.substring(0, begin + BEGIN.length()) + table + docs.substring(end));
    }

    /**
     * The measured table with each cell that the documented one marks {@value #VARIES} (a cell seen to give either
     * result, run to run) taken from the documented table: such a cell holds whatever is measured.
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
                if (documentedCells[cell].trim().startsWith(VARIES)) {
                    measuredCells[cell] = documentedCells[cell];
                }
            }
            accepted.append(String.join("|", measuredCells)).append('\n');
        }
        return accepted.toString();
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
