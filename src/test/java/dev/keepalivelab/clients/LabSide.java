package dev.keepalivelab.clients;

import dev.keepalivelab.support.Await;
import dev.keepalivelab.support.Connections;
import dev.keepalivelab.support.LabRecord;
import dev.keepalivelab.support.TestLab;

import java.util.List;

/**
 * The lab's own part in a cell, from its record: whatever the client made of them, the lab answered each request it
 * recorded for the cell's tag whole ({@code 200}, outcome {@code complete}) and cut or reset none. A client that fails
 * on its own stays a client's failure; a lab that fails shows in the cell, where no documented cell allows it.
 */
final class LabSide {
    static final int ANSWERED = 200;
    static final String COMPLETE = "complete";

    private LabSide() {
    }

    /** The lab's record once every request it recorded for {@code tag} has finished. */
    static Connections settled(TestLab lab, String tag) throws Exception {
        return Await.until("the record of " + tag + " to settle", TestLab.CLOSE_WAIT, () -> LabRecord.read(lab),
                r -> r.requests().stream().noneMatch(q -> tag.equals(q.client()) && !q.finished()));
    }

    /** Empty when the lab did its part for {@code tag}, else what it did wrong, to go in the cell. */
    static String lapses(Connections record, String tag) {
        List<Connections.Request> recorded = record.requests().stream().filter(q -> tag.equals(q.client())).toList();
        List<Connections.Request> lapsed = recorded.stream().filter(q -> !answeredWhole(q)).toList();
        if (lapsed.isEmpty()) {
            return "";
        }
        Connections.Request first = lapsed.get(0);
        return " · lab failed " + lapsed.size() + " of " + recorded.size() + " (first: " + first.path() + " status " + first.status()
                + ", " + first.outcome() + ", " + first.decided() + (first.fault() == null ? "" : ", fault " + first.fault()) + ")";
    }

    private static boolean answeredWhole(Connections.Request request) {
        return Integer.valueOf(ANSWERED).equals(request.status()) && COMPLETE.equals(request.outcome()) && request.fault() == null;
    }
}
