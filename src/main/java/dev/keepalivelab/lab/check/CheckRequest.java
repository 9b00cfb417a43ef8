package dev.keepalivelab.lab.check;

import dev.keepalivelab.fault.FaultType;
import dev.keepalivelab.lab.page.PageLanguage;
import dev.keepalivelab.lab.protocol.Protocol;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A request under {@code /check} or for {@code /checks}, as the lab hands it over.
 *
 * @param method    the request method
 * @param contextPath the context path the lab is deployed under ({@code /keepalive-lab} for the WAR); empty at the root
 * @param path      the raw path
 * @param query     the decoded query parameters
 * @param accept    the {@code Accept} header, or null
 * @param language  the language the card's HTML speaks
 * @param client    the request's {@code ?client=} tag, else its User-Agent, else {@code -}
 * @param protocol  the protocol of its connection
 * @param bodyBytes the length of its body; 0 where none was announced; -1 where the lab did not read it
 * @param makes     which faults this serving path makes on this request's protocol
 */
public record CheckRequest(String method, String contextPath, String path, Map<String, List<String>> query, String accept, PageLanguage language,
                           String client, Protocol protocol, long bodyBytes, Predicate<FaultType> makes) {
}
