package dev.keepalivelab.lab.check;

import dev.keepalivelab.lab.check.Verdict.Grade;
import dev.keepalivelab.lab.page.DemoPage;
import dev.keepalivelab.lab.page.PageLanguage;
import dev.keepalivelab.lab.page.PageText;
import dev.keepalivelab.lab.record.RequestRecord;


import static dev.keepalivelab.lab.page.DemoPage.escape;

/**
 * Renders a {@link Card} as a page for a browser, in the languages of the demo page: the headings, grades and what each
 * check does and each reason in the page's language.
 */
public final class CardHtml {
    static final String CATALOGUE = "check-card";
    static final String STYLE = "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
            + "padding:.3em .6em;vertical-align:top;text-align:left}.pass{color:#060}.fail{color:#a00}"
            + ".warning,.unknown{color:#a60}.not-applicable,.not-run{color:#666}";
    /** The card runs no script and loads nothing: its one style is allowed by its hash. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + DemoPage.sha256(STYLE)
            + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private CardHtml() {
    }

    public static String render(Card card, PageLanguage language) {
        PageText text = Wording.text(language);
        CheckRun run = card.run();
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"").append(language.tag()).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(text.get("title")).append(' ').append(escape(run.id())).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(text.get("title")).append(' ').append(escape(run.id())).append("</h1>\n")
                .append("<p>").append(text.get("client")).append(" <code>").append(escape(run.client())).append("</code>, ")
                .append(text.get("started")).append(' ').append(escape(run.started().toString()))
                .append(card.protocol() == null ? "" : ", " + escape(card.protocol())).append("</p>\n")
                .append("<p>").append(text.get("reasons")).append("</p>\n")
                .append("<table>\n<tr><th>").append(text.get("check")).append("</th><th>").append(text.get("verdict"))
                .append("</th><th>").append(text.get("reason")).append("</th><th>").append(text.get("requests")).append("</th></tr>\n");
        for (Card.Result result : card.results()) {
            Grade grade = result.verdict().grade();
            html.append("<tr><td><code>").append(escape(result.check())).append("</code><br>")
                    .append(text.get("about." + result.check())).append("</td><td class=\"").append(grade.label()).append("\">")
                    .append(text.get("grade." + grade.label())).append("</td><td>").append(escape(result.verdict().reason(language)))
                    .append("</td><td>");
            for (RequestRecord r : result.requests()) {
                html.append(escape(r.facts().method() + " " + r.facts().path() + " " + r.connectionLabel() + " #"
                        + r.requestOnConnection() + " " + (r.facts().status() == RequestRecord.NO_STATUS ? "-" : r.facts().status())
                        + " " + r.describe())).append("<br>");
            }
            html.append("</td></tr>\n");
        }
        return html.append("</table>\n<p><a href=\"").append(escape(run.link(run.cardPath()))).append("\">JSON</a>: <code>Accept: application/json</code>")
                .append(" · <a href=\"").append(escape(run.link(ClientChecks.RUNS))).append("\">").append(ClientChecks.RUNS).append("</a>")
                .append(" · <a href=\"").append(escape(run.link("/connections"))).append("\">/connections</a></p>\n</body>\n</html>\n").toString();
    }
}
