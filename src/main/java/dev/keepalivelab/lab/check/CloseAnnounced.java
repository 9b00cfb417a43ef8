package dev.keepalivelab.lab.check;

import java.util.List;

/**
 * {@code close-honoured} (HTTP/1.x) and {@code goaway} (HTTP/2): a response that announces its connection's end
 * ({@code Connection: close}, or the server's GOAWAY before it), after which the server ends the connection. Passes
 * where the next request comes on a new connection; a request written onto the ended connection never reaches the
 * lab (it closed, or takes no stream after its GOAWAY). Not applicable on the other protocol.
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

    @Override
    public Verdict judge(Evidence evidence) {
        return evidence.first().facts().connectionProtocol().isHttp2() == http2 ? evidence.nextOnNewConnection(announcement)
                : Verdict.notApplicable("the client spoke " + evidence.first().facts().protocol() + ", which has no "
                + announcement + (http2 ? "" : "; the goaway check asks the same on HTTP/2"));
    }
}
