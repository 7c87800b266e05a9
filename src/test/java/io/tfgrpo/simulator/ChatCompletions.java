package io.tfgrpo.simulator;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;

import io.tfgrpo.simulator.LlmSimulator.Options;

/** {@code POST /v1/chat/completions}: journal the call, then answer it, fail it or hold it as planned. */
final class ChatCompletions {

    private final Options options;
    private final CallLog log;
    private final Replies replies;

    ChatCompletions(Options options, CallLog log, Replies replies) {
        this.options = options;
        this.log = log;
        this.replies = replies;
    }

    /**
     * The call leaves the in-flight count just before its last bytes are written: once the client has the whole
     * answer it may start its next call, and counting this one until the handler returns would overstate the peak.
     */
    void handle(HttpExchange exchange) throws IOException {
        log.enter();
        var left = new AtomicBoolean();
        Runnable leave = () -> {
            if (left.compareAndSet(false, true)) {
                log.leave();
            }
        };
        try {
            answer(exchange, leave);
        }
        finally {
            leave.run();
        }
    }

    private void answer(HttpExchange exchange, Runnable leave) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        long seq = log.nextCall();
        ChatRequest request;
        try {
            request = ChatRequest.parse(body, options.model());
        }
        catch (ChatRequest.Invalid e) {
            log.invalid();
            leave.run();
            Http.error(exchange, 400, e.getMessage(), "invalid_request_error", "invalid_request");
            return;
        }
        RequestKey key = RequestKey.of(options.seed(), request);
        CallPlan plan = CallPlan.of(options, seq);
        if (key.draw("failing") < options.failingRequestRate()) {
            // a request that fails every time it is sent: retries do not help
            plan = new CallPlan(Outcome.SERVER_ERROR, plan.delayMs());
        }
        log.record(seq, request, replies.purpose(request), key, plan.outcome());
        switch (plan.outcome()) {
            case TIMEOUT -> {
                Http.pause(options.timeoutMs());
                leave.run();
                Http.error(exchange, 504, "The simulator held this request for " + options.timeoutMs()
                        + " ms (injected timeout).", "timeout", "timeout");
            }
            case RATE_LIMITED -> {
                Http.pause(plan.delayMs());
                exchange.getResponseHeaders().set("Retry-After", Integer.toString(options.retryAfterSeconds()));
                leave.run();
                Http.error(exchange, 429, "Rate limit reached (injected by the simulator). Please try again in "
                        + options.retryAfterSeconds() + "s.", "requests", "rate_limit_exceeded");
            }
            case SERVER_ERROR -> {
                Http.pause(plan.delayMs());
                leave.run();
                Http.error(exchange, 500, "The server had an error while processing your request (injected by the "
                        + "simulator).", "server_error", "server_error");
            }
            default -> complete(exchange, request, key, plan, seq, leave);
        }
    }

    /**
     * A malformed answer keeps the envelope and breaks the content when JSON output was asked for (what a model
     * does), else breaks the body itself (what a failing proxy does). A plain-text answer drawn to be cut off
     * ({@code cutOffRate}) is its first half, with {@code finish_reason: length}, as a model at its token limit.
     */
    private void complete(HttpExchange exchange, ChatRequest request, RequestKey key, CallPlan plan, long seq,
            Runnable leave) throws IOException {
        boolean malformed = plan.outcome() == Outcome.MALFORMED;
        boolean jsonOutput = request.responseFormat() != null;
        List<String> contents = replies.contents(request, key);
        boolean cutOff = !jsonOutput && key.draw("cut-off") < options.cutOffRate();
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            String content = contents.get(i);
            choices.add(cutOff ? new Choice(i, content.substring(0, content.length() / 2), "length")
                    : Choice.of(i, malformed && jsonOutput ? content.substring(0, content.length() / 2) : content,
                            request));
        }
        var header = new Envelopes.Header("chatcmpl-sim-" + seq, Instant.now().getEpochSecond(), request.model());
        int promptTokens = Envelopes.promptTokens(request.messages());
        boolean brokenBody = malformed && !jsonOutput;
        if (request.stream()) {
            EventStream.send(exchange, header, choices, promptTokens, request.includeUsage(), plan.delayMs(),
                    brokenBody, leave);
            return;
        }
        Http.pause(plan.delayMs());
        String json = Envelopes.completion(header, choices, promptTokens).toString();
        leave.run();
        Http.send(exchange, 200, brokenBody ? json.substring(0, json.length() / 2) : json);
    }
}
