package dev.keepalivelab.fault;

/** Which {@link Effects} a protocol can carry out: the part of a protocol's rules that fault planning asks. */
public interface EffectSupport {
    /** The protocol as a refusal names it, e.g. {@code HTTP/2}. */
    String displayName();

    boolean makes(Effects effects);
}
