package dev.keepalivelab.lab.check;

import java.util.List;

/**
 * {@code close-honoured} (HTTP/1.x) and {@code goaway} (HTTP/2): a response that announces its connection's end
 * ({@code Connection: close}, or the server's GOAWAY before it), after which the server ends the connection. Passes
 * where the next request reaches the lab on a new connection, none lost; fails where it comes on the ended one (a new
 * stream while the GOAWAY is a notice, which the server still answers). What the pass claims is what the lab saw: it
 * cannot see bytes written onto the ended connection after its end (a client that wrote there, then retried on a new
 * connection, passes as well), and its reason says so. A request written onto the ended connection and never sent
 * again never reaches the lab (it closed, or takes no stream after the final GOAWAY): unknown. Not applicable on the
 * other protocol.
 *
 * @param name         the check's name
 * @param http2        whether the check is HTTP/2's
 * @param announcement how the response announces the end
 */
record CloseAnnounced(String name, boolean http2, String announcement) implements ClientCheck {
    static final CloseAnnounced CLOSE_HONOURED = new CloseAnnounced("close-honoured", false, "Connection: close");
    static final CloseAnnounced GOAWAY = new CloseAnnounced("goaway", true, "GOAWAY");

    @Override
    public List<Step> steps() {
        return List.of(Step.CLOSED, Step.KEPT);
    }

    /**
     * Where step 2 never reached the lab after the end was announced, unknown: the client stopped, or it sent step 2 on
     * the ended connection (written after the close, or as a new stream after the final GOAWAY), which the server drops
     * unread and the record cannot show.
     */
    @Override
    public Verdict verdict(Evidence evidence) {
        if (!evidence.at(1).isEmpty() && evidence.at(2).isEmpty() && evidence.first().closed()
                && evidence.first().facts().connectionProtocol().isHttp2() == http2) {
            return Verdict.unknown("announced.unseen", evidence.path(2), evidence.first().connectionLabel(), announcement);
        }
        return ClientCheck.super.verdict(evidence);
    }

    @Override
    public Verdict judge(Evidence evidence) {
        return evidence.first().facts().connectionProtocol().isHttp2() == http2 ? evidence.nextOnNewConnection(announcement)
                : Verdict.notApplicable(http2 ? "other-protocol" : "other-protocol.http1", evidence.first().facts().protocol(), announcement);
    }
}
