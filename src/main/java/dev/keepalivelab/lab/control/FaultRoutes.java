package dev.keepalivelab.lab.control;

import dev.keepalivelab.fault.ArmedFault;
import dev.keepalivelab.fault.ArmedFaults;
import dev.keepalivelab.fault.FaultPlanner;
import dev.keepalivelab.lab.record.LabHistory;

import java.util.Map;

/** The handlers of {@code /control/faults} and {@code /control/faults/{id}}: arm, list, read and disarm faults. */
final class FaultRoutes {
    static final String FAULTS = ControlApi.PREFIX + "/faults";
    private final FaultPlanner planner;
    private final ArmedFaults armed;
    private final LabHistory history;

    FaultRoutes(FaultPlanner planner, LabHistory history) {
        this.planner = planner;
        this.armed = planner.armed();
        this.history = history;
    }

    /** {@code POST /control/faults}: 201, {@code Location} and the armed fault; 400 for a body that says no fault to arm. */
    ControlAnswer arm(ControlRequest request, String id) {
        ArmedFault.Arming arming;
        try {
            arming = ArmingBody.parse(request.body());
        } catch (ArmingBody.Refused refused) {
            return ControlAnswer.error(400, refused.getMessage());
        }
        String refusal = planner.refusal(arming.fault().type());
        if (refusal != null) {
            return ControlAnswer.error(400, refusal);
        }
        ArmedFault fault = armed.arm(arming);
        return new ControlAnswer(201, Map.of("Location", request.contextPath() + FAULTS + "/" + fault.id()), ControlJson.write(ControlJson.armedFault(fault)));
    }

    /** {@code GET /control/faults}: every armed fault, in arming order. */
    ControlAnswer list(ControlRequest request, String id) {
        return ControlAnswer.ok(200, Map.of("faults", armed.list().stream().map(ControlJson::armedFault).toList()));
    }

    /** {@code DELETE /control/faults}: disarms every fault, and every on-reuse fault waiting on an open connection. */
    ControlAnswer disarmAll(ControlRequest request, String id) {
        armed.disarmAll();
        history.disarmConnections();
        return ControlAnswer.noContent();
    }

    /** {@code GET /control/faults/{id}}. */
    ControlAnswer get(ControlRequest request, String id) {
        return armed.get(id).map(fault -> ControlAnswer.ok(200, ControlJson.armedFault(fault))).orElseGet(() -> unknown(id));
    }

    /** {@code DELETE /control/faults/{id}}. */
    ControlAnswer disarm(ControlRequest request, String id) {
        return armed.disarm(id) ? ControlAnswer.noContent() : unknown(id);
    }

    private static ControlAnswer unknown(String id) {
        return ControlAnswer.error(404, "No armed fault has id " + ControlJson.quote(id) + ": GET " + FAULTS
                + " lists those armed (a fault disarmed, or all of them cleared, is gone).");
    }
}
