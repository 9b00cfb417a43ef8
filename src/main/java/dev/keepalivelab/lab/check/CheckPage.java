package dev.keepalivelab.lab.check;

import dev.keepalivelab.lab.page.DemoPage;
import dev.keepalivelab.lab.page.LabContent;
import dev.keepalivelab.lab.page.PageLanguage;
import dev.keepalivelab.lab.page.PageText;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.keepalivelab.lab.page.DemoPage.escape;

/**
 * The page a browser gets at {@code GET /check}: it runs the run's checks with the browser as the client. Its script
 * (the only one, allowed by its hash) makes the timed checks' requests with {@code fetch}, waiting where they wait,
 * then navigates to the chain's first step: the browser follows the redirects through the other checks and lands on
 * the card, in the page's language. Without script, a link starts the chain and the timed checks stay not run.
 */
final class CheckPage {
    static final String SCRIPT = LabContent.readText("/dev/keepalivelab/check-page.js");
    static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:50em}.state{font-weight:bold}";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; connect-src 'self'; script-src '" + DemoPage.sha256(SCRIPT)
            + "'; style-src '" + DemoPage.sha256(STYLE) + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private CheckPage() {
    }

    static CheckAnswer answer(CheckRun run, PageLanguage language) {
        return CheckAnswer.of(200, List.of(Map.entry("Content-Security-Policy", CONTENT_SECURITY_POLICY),
                Map.entry("Vary", "Accept, Accept-Language")), CheckRoutes.HTML, render(run, language));
    }

    static String render(CheckRun run, PageLanguage language) {
        PageText text = Wording.text(language);
        String next = run.link(run.chains() ? run.firstPath() : run.cardPath());
        String visits = run.visits().stream().map(v -> "{\"check\":\"" + v.check() + "\",\"path\":\"" + run.link(v.path()) + "\",\"wait\":"
                + v.waitBefore().toMillis() + "}").collect(Collectors.joining(",", "[", "]"));
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"").append(language.tag()).append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(text.get("page.title")).append(' ').append(escape(run.id())).append("</title>\n<style>").append(STYLE)
                .append("</style>\n</head>\n<body data-visits=\"").append(escape(visits)).append("\" data-next=\"").append(escape(next))
                .append('"');
        for (String state : List.of("waiting", "running", "answered", "failed", "leaving")) {
            html.append(" data-").append(state).append("=\"").append(escape(text.get("page." + state))).append('"');
        }
        html.append(">\n<main>\n<h1>").append(text.get("page.title")).append(' ').append(escape(run.id())).append("</h1>\n<p>")
                .append(text.get("page.intro")).append("</p>\n");
        List<ClientCheck> timed = run.checkList().stream().filter(ClientCheck::timed).toList();
        if (!timed.isEmpty()) {
            html.append("<h2>").append(text.get("page.timed")).append("</h2>\n<ol>\n");
            for (ClientCheck check : timed) {
                html.append("<li data-check=\"").append(check.name()).append("\"><code>").append(check.name()).append("</code>: ")
                        .append(text.get("about." + check.name())).append(" <span class=\"state\">").append(text.get("page.pending"))
                        .append("</span></li>\n");
            }
            html.append("</ol>\n");
        }
        if (run.chains()) {
            html.append("<h2>").append(text.get("page.chain")).append("</h2>\n<p>").append(text.get("page.chainAbout")).append(' ')
                    .append(run.checkList().stream().filter(c -> !c.timed()).map(c -> "<code>" + c.name() + "</code>")
                            .collect(Collectors.joining(", "))).append(".</p>\n");
        }
        return html.append("<p id=\"status\" role=\"status\">").append(text.get("page.running")).append("</p>\n<noscript><p>")
                .append(text.get("page.noscript")).append(" <a href=\"").append(escape(next)).append("\">").append(escape(next))
                .append("</a></p></noscript>\n<p><a href=\"").append(escape(run.link(run.cardPath()))).append("\">")
                .append(text.get("page.card")).append("</a></p>\n</main>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n")
                .toString();
    }
}
