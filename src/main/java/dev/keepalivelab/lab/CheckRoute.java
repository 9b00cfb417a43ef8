package dev.keepalivelab.lab;

import dev.keepalivelab.fault.FaultPlanner;
import dev.keepalivelab.lab.check.CheckAnswer;
import dev.keepalivelab.lab.check.CheckRequest;
import dev.keepalivelab.lab.check.ClientChecks;
import dev.keepalivelab.lab.protocol.Protocol;
import dev.keepalivelab.lab.protocol.ProtocolRules;

/** Hands a request under {@code /check} (or for {@code /checks}) to the lab's client checks, with what they need of it. */
final class CheckRoute {
    private CheckRoute() {
    }

    /**
     * @param query           the request's query, already parsed and valid
     * @param rules           the rules of the request's protocol, which say the faults it can carry
     * @param controlsSockets whether the server closes and resets connections for a fault
     */
    static CheckAnswer answer(ClientChecks checks, LabRequest request, LabQuery query, ProtocolRules rules, boolean controlsSockets) {
        long bodyBytes = request.bodyBytes();
        if (bodyBytes == LabRequest.NOT_READ && !RequestBody.announced(request.header("Content-Length"), request.header("Transfer-Encoding"))) {
            bodyBytes = 0;
        }
        return checks.answer(new CheckRequest(request.method(), request.contextPath(), request.path(), QueryParameters.parse(request.rawQuery()),
                request.header("Accept"), query.languageFor(request), query.clientOf(request), Protocol.of(request.protocol(),
                request.secure()), Math.max(bodyBytes, -1),
                type -> FaultPlanner.madeOn(rules, type) && (controlsSockets || !type.needsSocketControl())));
    }
}
