package dev.keepalivelab.lab.protocol;

import dev.keepalivelab.settings.LabSettings;

/** The rules of each protocol for one lab: the one place that asks whether a request is HTTP/2. */
public final class Rulebook {
    private final Http1Rules http1;
    private final Http2Rules http2;

    /**
     * @param settings                     the lab's settings
     * @param connectorClosesEveryResponse whether the server has persistent connections disabled
     * @param endsHttp2Connections         whether the server sends GOAWAY where the lab closes an HTTP/2 connection
     */
    public Rulebook(LabSettings settings, boolean connectorClosesEveryResponse, boolean endsHttp2Connections) {
        ConnectionDecider decider = new ConnectionDecider(settings, connectorClosesEveryResponse);
        this.http1 = new Http1Rules(decider, new ConnectionHeaders(settings.keepAliveTimeout(), settings.maxRequestsPerConnection()));
        this.http2 = new Http2Rules(endsHttp2Connections ? decider : null);
    }

    public ProtocolRules of(Protocol protocol) {
        return protocol.isHttp2() ? http2 : http1;
    }
}
