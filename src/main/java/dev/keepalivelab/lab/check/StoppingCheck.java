package dev.keepalivelab.lab.check;

/**
 * A check a correct client stops at (it reports an error rather than going on): {@code stale-post} and
 * {@code truncated}. Only the client's command's exit status can tell a correct stop from a broken one
 * ({@link Evidence#stopped}).
 */
sealed interface StoppingCheck extends ClientCheck permits StalePost, Truncated {
    @Override
    default boolean correctClientStops() {
        return true;
    }
}
