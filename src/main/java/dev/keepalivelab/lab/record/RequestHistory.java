package dev.keepalivelab.lab.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The most recent requests, a ring indexed by request id: ids are consecutive, so the record of request {@code id}
 * sits at {@code (id - 1) % capacity} for as long as it is remembered, and an outcome replaces it in place.
 */
final class RequestHistory {
    private final RequestRecord[] ring;
    private long newestId;

    RequestHistory(int capacity) {
        this.ring = new RequestRecord[capacity];
    }

    /**
     * Adds the record of a request. Requests are decided in about the order they were counted; one decided so late
     * that a request {@code capacity} ids newer already took its slot is not remembered.
     */
    void add(RequestRecord record) {
        int slot = slot(record.id());
        if (ring[slot] == null || ring[slot].id() < record.id()) {
            ring[slot] = record;
            newestId = Math.max(newestId, record.id());
        }
    }

    /** The record of request {@code id}, or null when it has been pushed out (or never added). */
    RequestRecord get(long id) {
        RequestRecord record = ring[slot(id)];
        return record != null && record.id() == id ? record : null;
    }

    /** Replaces the record with the same id, if it is still remembered. */
    void replace(RequestRecord record) {
        if (get(record.id()) != null) {
            ring[slot(record.id())] = record;
        }
    }

    /** Forgets every record; ids go on from the newest. */
    void clear() {
        Arrays.fill(ring, null);
    }

    /** The oldest id the ring can still hold: an older request has been pushed out. */
    long oldestId() {
        return Math.max(1, newestId - ring.length + 1);
    }

    /** The remembered records that {@code filter} selects, oldest first. */
    List<RequestRecord> select(Predicate<RequestRecord> filter) {
        List<RequestRecord> selected = new ArrayList<>();
        long oldest = oldestId();
        for (long id = oldest; id <= newestId; id++) {
            RequestRecord record = get(id);
            if (record != null && filter.test(record)) {
                selected.add(record);
            }
        }
        return selected;
    }

    private int slot(long id) {
        return (int) ((id - 1) % ring.length);
    }
}
