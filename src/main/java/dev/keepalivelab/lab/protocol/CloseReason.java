package dev.keepalivelab.lab.protocol;

import dev.keepalivelab.fault.FaultType;
import dev.keepalivelab.fault.Faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Why a connection closed, or what kept it open: one of the lab's rules or the server's events
 * ({@link ConnectionDecision.Reason}), or a fault that ended it ({@link ByFault}).
 */
public sealed interface CloseReason permits ConnectionDecision.Reason, CloseReason.ByFault {
    /** As {@code /connections} and the access log write it, e.g. {@code max-requests} or {@code fault/reset}. */
    String label();

    /**
     * Whether the lab itself closes for this reason, rather than the policy, the client, the protocol or a fault: its
     * limits, and a body it stopped reading. Such a close is announced even under the {@code default} policy.
     */
    default boolean isLabsOwnClose() {
        return false;
    }

    /** A fault ended the connection. */
    record ByFault(FaultType fault) implements CloseReason {
        @Override
        public String label() {
            return "fault/" + fault.name();
        }
    }

    /** Every reason a connection's record can give. */
    static List<CloseReason> all() {
        List<CloseReason> all = new ArrayList<>(Arrays.asList(ConnectionDecision.Reason.values()));
        Stream.concat(Faults.ALL.stream(), Faults.CHECKS_OWN.stream()).filter(FaultType::endsConnection).map(ByFault::new)
                .forEach(all::add);
        return all;
    }
}
