package dev.keepalivelab.servlet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectionTrackerTest {

    @Test
    void countsRequestsPerConnection() {
        ConnectionTracker tracker = new ConnectionTracker(10);
        assertEquals(1, tracker.nextRequest("a"));
        assertEquals(2, tracker.nextRequest("a"));
        assertEquals(1, tracker.nextRequest("b"));
        assertEquals(3, tracker.nextRequest("a"));
    }

    @Test
    void aForgottenConnectionStartsAgain() {
        ConnectionTracker tracker = new ConnectionTracker(10);
        tracker.nextRequest("a");
        tracker.forget("a");
        assertEquals(0, tracker.size());
        assertEquals(1, tracker.nextRequest("a"));
    }

    @Test
    void connectionsThatVanishWithoutTellingAreEvictedSoMemoryStaysBounded() {
        ConnectionTracker tracker = new ConnectionTracker(100);
        tracker.nextRequest("busy");
        for (int i = 0; i < 100_000; i++) {
            tracker.nextRequest("vanished-" + i);
            if (i % 50 == 0) {
                tracker.nextRequest("busy");
            }
        }
        assertEquals(100, tracker.size());
        assertEquals(2002, tracker.nextRequest("busy"), "a connection in use is kept while vanished ones are evicted");
    }
}
