package dev.keepalivelab.fault;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The faults armed at run time, in arming order. A request takes the first one that matches it and that its response
 * makes (its protocol can, and its connection stays open where the fault needs that); a count is taken only when the fault is given, under this object's lock, so that N armed is exactly N
 * given however many requests arrive at once. A fault that used up its count stays listed (remaining 0) until it is
 * disarmed.
 */
public final class ArmedFaults {
    private final List<Entry> armed = new ArrayList<>();
    /** Whether {@link #armed} holds any: read without the lock, so that a request meets no lock while nothing is armed. */
    private volatile boolean any;
    private long armedSoFar;

    /** One armed fault and its state, guarded by the lock of the {@link ArmedFaults} that holds it. */
    private static final class Entry {
        final String id;
        final ArmedFault.Arming arming;
        final List<Pattern> globs;
        /** The connections that claimed one of the N slots of a connections count; weak, so that closed ones go. */
        final Set<Object> claimed = Collections.newSetFromMap(new WeakHashMap<>());
        long remaining;
        long applied;

        Entry(String id, ArmedFault.Arming arming) {
            this.id = id;
            this.arming = arming;
            this.globs = arming.paths().stream().map(PathGlob::pattern).toList();
            this.remaining = arming.count().n();
        }

        boolean matches(String path, String client) {
            return (globs.isEmpty() || globs.stream().anyMatch(glob -> glob.matcher(path).matches()))
                    && arming.client().map(client::equals).orElse(true);
        }

        /** Takes one from the count for a request on {@code connection}, if there is one to take. */
        boolean take(Object connection) {
            ArmedFault.Count.Kind kind = arming.count().kind();
            boolean claimedBefore = kind == ArmedFault.Count.Kind.CONNECTIONS && claimed.contains(connection);
            if (!claimedBefore && kind != ArmedFault.Count.Kind.UNTIL_DISARMED) {
                if (remaining == 0) {
                    return false;
                }
                remaining--;
                if (kind == ArmedFault.Count.Kind.CONNECTIONS) {
                    claimed.add(connection);
                }
            }
            applied++;
            return true;
        }

        ArmedFault view() {
            return new ArmedFault(id, arming.fault(), arming.count(), arming.paths(), arming.client(),
                    arming.count().kind() == ArmedFault.Count.Kind.UNTIL_DISARMED ? OptionalLong.empty() : OptionalLong.of(remaining),
                    applied);
        }
    }

    /** Arms a fault; its id is {@code f1}, {@code f2}, ... in arming order, never reused. */
    public synchronized ArmedFault arm(ArmedFault.Arming arming) {
        Entry entry = new Entry("f" + (++armedSoFar), arming);
        armed.add(entry);
        any = true;
        return entry.view();
    }

    /** Every armed fault, in arming order. */
    public synchronized List<ArmedFault> list() {
        return armed.stream().map(Entry::view).toList();
    }

    public synchronized Optional<ArmedFault> get(String id) {
        return armed.stream().filter(e -> e.id.equals(id)).findFirst().map(Entry::view);
    }

    /** Disarms the fault {@code id}; false where none has that id. */
    public synchronized boolean disarm(String id) {
        boolean removed = armed.removeIf(e -> e.id.equals(id));
        any = !armed.isEmpty();
        return removed;
    }

    public synchronized void disarmAll() {
        armed.clear();
        any = false;
    }

    /**
     * The fault a request gets from the armed ones: the first in arming order that matches its path and client, that
     * its response makes and that has a request (or a connection slot) left to give, which it takes; empty where none does.
     *
     * @param connection the request's connection (compared by identity), for a count of connections
     * @param made       whether the request's response makes a fault of the type (its protocol, its connection's fate)
     */
    public Optional<Fault> take(String path, String client, Object connection, Predicate<FaultType> made) {
        return any ? takeArmed(path, client, connection, made) : Optional.empty();
    }

    private synchronized Optional<Fault> takeArmed(String path, String client, Object connection, Predicate<FaultType> made) {
        for (Entry entry : armed) {
            if (entry.matches(path, client) && made.test(entry.arming.fault().type()) && entry.take(connection)) {
                return Optional.of(entry.arming.fault());
            }
        }
        return Optional.empty();
    }
}
