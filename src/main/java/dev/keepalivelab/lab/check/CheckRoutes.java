package dev.keepalivelab.lab.check;

import dev.keepalivelab.fault.Fault;
import dev.keepalivelab.lab.page.PageLanguage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP face of the checks: {@code GET} or {@code POST /check} starts a run, each step redirects to the next with its
 * connection behaviour, {@code /check/RUN} is the card (JSON, or HTML for a browser), {@code /checks} lists the runs.
 */
final class CheckRoutes {
    static final String CHECKS_PARAMETER = "checks";
    static final String LANGUAGE_PARAMETER = "lang";
    static final String HTML = "text/html;charset=utf-8";
    private static final String GET_METHODS = "GET, HEAD";

    private final ClientChecks checks;

    CheckRoutes(ClientChecks checks) {
        this.checks = checks;
    }

    CheckAnswer answer(CheckRequest request) {
        String path = request.path();
        if (path.equals(ClientChecks.START)) {
            return start(request);
        }
        if (path.equals(ClientChecks.RUNS)) {
            return readOnly(request).orElseGet(() -> json(RunsJson.render(checks.runs())));
        }
        String[] parts = path.substring(ClientChecks.START.length() + 1).split("/", -1);
        Optional<CheckRun> run = checks.run(parts[0]);
        if (run.isEmpty()) {
            return CheckAnswer.error(404, "No check run by that id: the lab remembers its last runs, which GET " + ClientChecks.RUNS
                    + " lists; GET " + ClientChecks.START + " starts one.");
        }
        if (parts.length == 1) {
            return readOnly(request).orElseGet(() -> card(request, checks.card(run.get())));
        }
        Optional<ClientCheck> check = parts.length == 3 ? Catalogue.byName(parts[1]).filter(run.get().checkList()::contains)
                : Optional.empty();
        int step = check.isPresent() && parts[2].matches("[1-9]") ? Integer.parseInt(parts[2]) : 0;
        if (step == 0 || step > check.get().steps().size()) {
            return CheckAnswer.error(404, "Not found: run " + run.get().id() + " has its card at " + run.get().link(run.get().cardPath())
                    + " and steps " + run.get().link(run.get().cardPath()) + "/CHECK/STEP for its checks " + String.join(", ", run.get().checks()) + ".");
        }
        return step(request, run.get(), check.get(), step);
    }

    private CheckAnswer start(CheckRequest request) {
        boolean post = request.method().equals("POST");
        if (!post && !request.method().equals("GET") && !request.method().equals("HEAD")) {
            return methodNotAllowed("GET, HEAD, POST");
        }
        if (post && request.bodyBytes() == 0) {
            return CheckAnswer.error(400, "POST " + ClientChecks.START + " needs a body: the stale-post check resends it and"
                    + " names it on the card.");
        }
        List<String> values = request.query().getOrDefault(CHECKS_PARAMETER, List.of());
        if (values.size() > 1) {
            return CheckAnswer.error(400, "Query parameter checks given " + values.size() + " times: give it once, as a"
                    + " comma-separated list.");
        }
        // A browser gets the page, which runs the timed checks as well: its script waits between their steps.
        boolean page = !post && prefersHtml(request.accept());
        List<String> names = values.isEmpty() ? (page ? ClientChecks.pageChecks() : ClientChecks.defaultChecks(post))
                : Arrays.stream(values.get(0).split(",", -1)).map(String::trim).toList();
        List<String> timed = names.stream().map(Catalogue::byName).flatMap(Optional::stream).filter(ClientCheck::timed)
                .map(ClientCheck::name).distinct().toList();
        if (!page && !timed.isEmpty()) {
            return CheckAnswer.error(400, "Invalid query parameter checks: " + String.join(", ", timed) + " are timed: their"
                    + " client waits between requests, which a redirect cannot make it do. A browser runs them at "
                    + ClientChecks.START + " (Accept: text/html); code runs them through ClientChecks (docs/client-checks.md).");
        }
        CheckRun run;
        try {
            run = checks.start(names, request.client(), request.contextPath());
        } catch (IllegalArgumentException e) {
            return CheckAnswer.error(400, "Invalid query parameter checks: " + e.getMessage());
        }
        if (run.post() != post) {
            return CheckAnswer.error(400, "Invalid query parameter checks: " + String.join(", ", run.checks()) + " need "
                    + run.method() + " " + ClientChecks.START + (run.post() ? " with a body" : "") + ".");
        }
        if (request.query().containsKey(LANGUAGE_PARAMETER)) {
            run.speaks(request.language());
        }
        if (page) {
            return CheckPage.answer(run, request.language());
        }
        String first = run.firstPath();
        if (post) {
            run.bodyArrived(ClientChecks.START, request.bodyBytes());
        }
        return redirect(post ? 307 : 302, run.link(first), "Check run " + run.id() + " started: " + String.join(", ", run.checks())
                + ". Follow the redirects; the card will be at " + run.link(run.cardPath()) + ".");
    }

    private CheckAnswer step(CheckRequest request, CheckRun run, ClientCheck check, int index) {
        boolean post = check.post();
        boolean allowed = post ? request.method().equals("POST") : request.method().equals("GET") || request.method().equals("HEAD");
        if (!allowed) {
            return methodNotAllowed(post ? "POST" : GET_METHODS);
        }
        if (post) {
            run.bodyArrived(request.path(), request.bodyBytes());
        }
        String next = run.next(check, index);
        boolean ends = check.timed() || check.endsChain() && index == check.steps().size();
        int status = ends ? 200 : !post ? 302 : next.equals(run.cardPath()) ? 303 : 307;
        Step step = check.steps().get(index - 1);
        Optional<Fault> fault = Optional.ofNullable(step.fault()).filter(request.makes())
                .filter(made -> !step.firstAttemptOnly() || run.firstAttempt(request.path())).map(Fault::of);
        return new CheckAnswer(status, ends ? List.of() : List.of(Map.entry("Location", run.link(next))), CheckAnswer.TEXT,
                stepBody(run, check, index), Optional.of(step.policy()), fault, Optional.ofNullable(step.keepAliveHint()),
                Optional.ofNullable(step.idleTimeout()));
    }

    /** The body of a step's response: where it leads, or, at the end of a chain, where the card is (in its first half). */
    static byte[] stepBody(CheckRun run, ClientCheck check, int index) {
        String body = check.timed() ? "keepalive-lab check run " + run.id() + ": " + check.name() + ", step " + index + " of "
                + check.steps().size() + ". " + (index < check.steps().size() ? "Wait " + check.waitBeforeLast().toMillis()
                + " ms, then GET " + run.link(run.next(check, index)) : "The card: " + run.link(run.cardPath())) + "\n"
                : check.endsChain() && index == check.steps().size()
                ? "The card of check run " + run.id() + ": " + run.link(run.cardPath()) + "\nThis response is cut short on purpose by the "
                + check.name() + " check: its Content-Length promises more than the server sends before it closes.\n"
                : "keepalive-lab check run " + run.id() + ": " + check.name() + ", step " + index + " of " + check.steps().size()
                + ". Next: " + run.link(run.next(check, index)) + "\n";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static CheckAnswer redirect(int status, String location, String message) {
        return CheckAnswer.text(status, message, List.of(Map.entry("Location", location)));
    }

    private static Optional<CheckAnswer> readOnly(CheckRequest request) {
        return request.method().equals("GET") || request.method().equals("HEAD") ? Optional.empty()
                : Optional.of(methodNotAllowed(GET_METHODS));
    }

    private static CheckAnswer methodNotAllowed(String allowed) {
        return CheckAnswer.text(405, "Method not allowed: use " + allowed + ".", List.of(Map.entry("Allow", allowed)));
    }

    private static CheckAnswer json(String json) {
        return CheckAnswer.of(200, List.of(), "application/json", json);
    }

    /** The card as JSON, or as HTML where the request prefers {@code text/html} (a browser). */
    private static CheckAnswer card(CheckRequest request, Card card) {
        List<Map.Entry<String, String>> vary = List.of(Map.entry("Vary", "Accept, Accept-Language"));
        if (prefersHtml(request.accept())) {
            PageLanguage language = request.query().containsKey(LANGUAGE_PARAMETER) ? request.language()
                    : card.run().language().orElse(request.language());
            return CheckAnswer.of(200, List.of(vary.get(0), Map.entry("Content-Security-Policy", CardHtml.CONTENT_SECURITY_POLICY)), HTML,
                    CardHtml.render(card, language));
        }
        return CheckAnswer.of(200, vary, "application/json", CardJson.render(card));
    }

    /**
     * Whether {@code Accept} prefers {@code text/html} to {@code application/json}: a higher q-value, or the same one named
     * first; {@code text/html;q=0} refuses HTML. JSON is the default.
     */
    static boolean prefersHtml(String accept) {
        if (accept == null) {
            return false;
        }
        double html = -1;
        double json = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String[] parameter = parts[i].trim().split("=", 2);
                if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("q")) {
                    try {
                        q = Double.parseDouble(parameter[1].trim());
                    } catch (NumberFormatException malformed) {
                        q = 0;
                    }
                }
            }
            if (type.equals("text/html") && html < 0) {
                html = q;
            } else if (type.equals("application/json") && json < 0) {
                json = q;
            }
        }
        return html > 0 && (html > json || html == json && accept.indexOf("text/html") < accept.indexOf("application/json"));
    }
}
