package dev.keepalivelab.lab.protocol;

import dev.keepalivelab.lab.fault.EffectSupport;

/** The rules of the protocol a request came over, chosen by its {@link Protocol}. */
public sealed interface ProtocolRules extends EffectSupport permits Http1Rules, Http2Rules {
}
