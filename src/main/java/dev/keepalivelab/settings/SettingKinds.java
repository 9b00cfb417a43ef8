package dev.keepalivelab.settings;

import dev.keepalivelab.fault.Fault;
import dev.keepalivelab.fault.FaultSelector;
import dev.keepalivelab.fault.Faults;
import dev.keepalivelab.settings.ValueKind.Choice;
import dev.keepalivelab.settings.ValueKind.IntRange;
import dev.keepalivelab.settings.ValueKind.Text;

import java.util.List;
import java.util.OptionalInt;

/** Value kinds of {@link Setting}'s rows that are named (an enum row cannot name a static field of its own enum). */
final class SettingKinds {
    static final ValueKind<ConnectionPolicy> POLICY = Choice.of(ConnectionPolicy.values(), ConnectionPolicy::value);
    static final ValueKind<ControlAccess> CONTROL = Choice.of(ControlAccess.values(), ControlAccess::value);
    static final ValueKind<Engine> ENGINE = Choice.of(Engine.values(), Engine::value);
    static final ValueKind<Boolean> ON_OFF = Choice.of("on", true, Values.OFF, false);
    static final IntRange PORT_NUMBER = new IntRange(0, 65535, "0 picks a free port");
    static final ValueKind<List<String>> GLOBS = new Text<>(Values::globs, globs -> String.join(",", globs),
            "a comma-separated list of path globs (* and ?, such as test11*.jpg)", "empty for none");
    static final ValueKind<Fault> FAULT = new Text<>(text -> Faults.parse(text).orElseThrow(IllegalArgumentException::new),
            Fault::label, Faults.ALLOWED);
    static final ValueKind<FaultSelector> FAULT_SELECTOR = new Text<>(SettingKinds::faultSelector, FaultSelector::text,
            "all", "request=N (the Nth request on each connection, N from 1 to " + Integer.MAX_VALUE + ")", "paths=GLOB[,GLOB...] (closePaths' globs)");

    private SettingKinds() {
    }

    /** {@code all}, {@code request=N} or {@code paths=GLOB,GLOB}. */
    private static FaultSelector faultSelector(String text) {
        if (text.equals(FaultSelector.ALL_TEXT)) {
            return FaultSelector.ALL;
        }
        if (text.startsWith(FaultSelector.REQUEST_PREFIX)) {
            int nth = Values.intInRange(text.substring(FaultSelector.REQUEST_PREFIX.length()), 1, Integer.MAX_VALUE);
            return new FaultSelector(OptionalInt.of(nth), List.of());
        }
        if (text.startsWith(FaultSelector.PATHS_PREFIX)) {
            List<String> globs = Values.globs(text.substring(FaultSelector.PATHS_PREFIX.length()));
            if (globs.isEmpty()) {
                throw new IllegalArgumentException();
            }
            return new FaultSelector(OptionalInt.empty(), globs);
        }
        throw new IllegalArgumentException();
    }
}
