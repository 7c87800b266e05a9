package io.tfgrpo.llm;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.tfgrpo.shared.DatabaseUnavailable;
import io.tfgrpo.shared.PromptTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one way the service calls models. Per profile it bounds concurrency and rate, retries what may pass
 * (429 honouring {@code Retry-After}, 5xx, timeouts, I/O errors) with exponential backoff and jitter, records
 * every logical call in the ledger and the metrics, and can cache temperature-0 answers.
 */
@Service
public class LlmGateway {

    private static final Logger log = LoggerFactory.getLogger(LlmGateway.class);

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final ModelClients clients;
    private final LlmSettings settings;
    private final CallLedger ledger;
    private final LlmMetrics metrics;
    private final ResponseCache cache;
    private final JsonAnswers answers;
    private final PromptTemplate jsonInstructions = PromptTemplate.load("json-instructions.txt");
    private final PromptTemplate jsonRepair = PromptTemplate.load("json-repair.txt");

    LlmGateway(ModelClients clients, LlmSettings settings, CallLedger ledger, LlmMetrics metrics, ResponseCache cache,
            JsonAnswers answers) {
        this.clients = clients;
        this.settings = settings;
        this.ledger = ledger;
        this.metrics = metrics;
        this.cache = cache;
        this.answers = answers;
    }

    /** A plain-text call. */
    public ChatReply chat(ChatCall call) {
        return call(call, null, null);
    }

    /**
     * A call whose answer must be JSON of {@code type}: requested as JSON (a JSON Schema {@code response_format}
     * where the profile supports it, instructions otherwise), parsed and validated. An invalid answer gets one
     * repair attempt; if that fails too, {@link StructuredOutputFailed}. Both are counted and in the ledger.
     */
    public <T> Structured<T> structured(ChatCall call, Class<T> type) {
        ModelClient client = clients.get(call.profile());
        JsonAnswers.Schema schema = answers.schemaOf(type);
        ChatCall asked = client.profile().jsonMode() == JsonMode.SCHEMA ? call
                : call.withMessages(ChatMessage.withSystemText(call.messages(), jsonInstructions.render(Map.of("schema", schema.json()))));
        ChatReply first = call(asked, schema.map(), schema.json());
        JsonAnswers.Parsed<T> parsed = answers.parse(first.content(), type);
        if (parsed.ok()) {
            return new Structured<>(parsed.value(), List.of(first));
        }
        ledger.markParseFailed(first.callId(), parsed.problem());
        metrics.parseFailure(client.name(), call.purpose(), true);
        List<ChatMessage> repairMessages = new ArrayList<>(asked.messages());
        repairMessages.add(ChatMessage.assistant(first.content()));
        repairMessages.add(ChatMessage.user(jsonRepair.render(Map.of("problem", parsed.problem(), "schema", schema.json()))));
        ChatReply second = call(asked.withMessages(repairMessages), schema.map(), schema.json());
        JsonAnswers.Parsed<T> repaired = answers.parse(second.content(), type);
        if (repaired.ok()) {
            return new Structured<>(repaired.value(), List.of(first, second));
        }
        ledger.markParseFailed(second.callId(), repaired.problem());
        metrics.parseFailure(client.name(), call.purpose(), false);
        throw new StructuredOutputFailed(client.name(), call.purpose(), repaired.problem());
    }

    /**
     * A streamed plain-text call: pieces of the answer go to {@code onDelta} as the model produces them. It is
     * retried like any call, but only while nothing has been passed on yet; the ledger records it at the end.
     */
    public ChatReply stream(ChatCall call, Consumer<String> onDelta) {
        ModelClient client = clients.get(call.profile());
        return retrying(client, call, passedOn -> client.stream(call, delta -> {
            passedOn.run();
            onDelta.accept(delta);
        }), answer -> answer).reply();
    }

    /** A forwarded call's reply: the server's JSON (null when streamed) and what the ledger recorded. */
    public record Forwarded(ObjectNode body, ChatReply reply) {
    }

    /** Whether {@link #forward} can serve this profile (OpenAI-compatible servers). */
    public boolean canForward(String profile) {
        return clients.get(profile).passthrough() != null;
    }

    /**
     * Forwards an OpenAI Chat Completions request body, as it is, to the profile's server (its model name
     * substituted), with the profile's limits, retries (while nothing has been passed on), ledger and meters.
     * A streamed reply's {@code data:} payloads go to {@code onEvent} as they arrive. {@code call} names the
     * purpose, owner and messages for the ledger.
     */
    public Forwarded forward(ChatCall call, ObjectNode body, Consumer<String> onEvent) {
        ModelClient client = clients.get(call.profile());
        Replied<Passthrough.Result> replied = retrying(client, call,
                passedOn -> client.passthrough().send(body.deepCopy(), event -> {
                    passedOn.run();
                    onEvent.accept(event);
                }, client.profile().timeout(call.purpose())), result -> new ModelClient.Answer(
                        result.content() == null ? "" : result.content(),
                        client.profile().model(), result.promptTokens(), result.completionTokens(),
                        result.finishReason()));
        return new Forwarded(replied.result().body(), replied.reply());
    }

    /** An attempt's own result, and the ledger's reply for the call. */
    private record Replied<R>(R result, ChatReply reply) {
    }

    /**
     * The one retry loop of every call: attempts within the profile's limits, backoff between them, then the ledger
     * and meters once. An attempt that passes its answer on as it arrives calls the given runnable when it does;
     * from then on a failure is final (the caller has part of an answer already). Only the model's own failures are
     * retried: the ledger is written after the loop, so that a database error can never buy the answer again.
     */
    private <R> Replied<R> retrying(ModelClient client, ChatCall call, Function<Runnable, R> attempt,
            Function<R, ModelClient.Answer> answerOf) {
        long started = System.nanoTime();
        boolean[] passedOn = { false };
        Failure failure = null;
        for (int number = 1; number <= settings.maxAttempts(); number++) {
            if (number > 1) {
                metrics.retry(client.name(), call.purpose());
                pause(backoff(number, failure));
            }
            R result;
            acquire(client);
            try {
                result = attempt.apply(() -> passedOn[0] = true);
            }
            catch (CancellationException stopped) {
                throw stopped;
            }
            catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    // the caller is being stopped: this is not the model's failure and must not be recorded as one
                    throw new CancellationException("Interrupted during a call to profile " + client.name());
                }
                if (DatabaseUnavailable.causes(e)) {
                    // the caller's own database work (a streamed answer's consumer, say): not the model's failure
                    throw e;
                }
                failure = Failure.of(e, client.profile().apiKey());
                clients.answered(client.name(), false, failure.description());
                if (!failure.retryable() || passedOn[0]) {
                    failed(client, call, started, number, failure);
                }
                continue;
            }
            finally {
                client.limiter().release();
            }
            clients.answered(client.name(), true, null);
            return new Replied<>(result, reply(client, call, answerOf.apply(result), started, number,
                    CallLedger.Outcome.OK));
        }
        failed(client, call, started, settings.maxAttempts(), failure);
        throw new IllegalStateException("unreachable: failed() throws");
    }

    /** What the calls made on behalf of {@code owner} (a job or evaluation id) used so far. */
    public UsageView usage(String owner) {
        return ledger.usage(owner, null, null, null);
    }

    /** A configured profile (its API key included: keep it in the process). */
    public ModelProfile profile(String name) {
        return clients.get(name).profile();
    }

    /** The mean latency of a profile's last successful calls, if it made any. */
    public java.util.Optional<Duration> observedLatency(String profile) {
        return ledger.meanLatency(profile);
    }

    /** The profile of that name or, failing that, the first profile serving a model of that name. */
    public java.util.Optional<String> profileFor(String nameOrModel) {
        if (clients.exists(nameOrModel)) {
            return java.util.Optional.of(nameOrModel);
        }
        return clients.all().stream().filter(c -> c.profile().model().equals(nameOrModel)).map(ModelClient::name)
                .findFirst();
    }

    /** Whether a profile of that name is configured. */
    public boolean hasProfile(String name) {
        return clients.exists(name);
    }

    /** Fails with {@link UnknownProfile} unless a profile of that name is configured. */
    public void requireProfile(String name) {
        clients.get(name);
    }

    ChatReply call(ChatCall call, Map<String, Object> schema, String schemaJson) {
        ModelClient client = clients.get(call.profile());
        long started = System.nanoTime();
        String cacheKey = cache.keyOf(call, client.profile(), schemaJson);
        ModelClient.Answer cached = cache.get(cacheKey);
        if (cached != null) {
            return reply(client, call, cached, started, 0, CallLedger.Outcome.CACHED);
        }
        Replied<ModelClient.Answer> replied = retrying(client, call,
                passedOn -> client.attempt(call, schema, schemaJson), answer -> answer);
        cache.put(cacheKey, replied.result());
        return replied.reply();
    }

    private static void acquire(ModelClient client) {
        try {
            client.limiter().acquire();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while waiting for a slot of profile " + client.name());
        }
    }

    private ChatReply reply(ModelClient client, ChatCall call, ModelClient.Answer answer, long started, int attempts,
            CallLedger.Outcome outcome) {
        boolean estimated = answer.promptTokens() == null || answer.completionTokens() == null;
        int prompt = answer.promptTokens() != null ? answer.promptTokens() : Tokens.estimate(call.messages());
        int completion = answer.completionTokens() != null ? answer.completionTokens()
                : Tokens.estimate(answer.content());
        boolean cached = outcome == CallLedger.Outcome.CACHED;
        BigDecimal cost = cached ? BigDecimal.ZERO : cost(client.profile(), prompt, completion);
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        // the meters count a call the ledger cannot: it was made, and paid
        metrics.call(client.name(), call.purpose(), outcome, latency, cached ? 0 : prompt, cached ? 0 : completion);
        long id;
        try {
            id = ledger.record(new CallLedger.Entry(client.name(), answer.model(), call.purpose(), call.owner(),
                    cached ? 0 : prompt, cached ? 0 : completion, estimated, cost, latency.toMillis(), attempts,
                    outcome, null, null));
        }
        catch (RuntimeException e) {
            if (!cached && DatabaseUnavailable.causes(e)) {
                log.warn("Database unavailable: an answer of profile '{}' (purpose {}, {} prompt and {} completion "
                        + "tokens, {} USD) is dropped unrecorded; the call fails and is not repeated", client.name(),
                        call.purpose().name().toLowerCase(Locale.ROOT), prompt, completion,
                        cost.toPlainString());
            }
            throw e;
        }
        return new ChatReply(answer.content(), answer.model(), prompt, completion, estimated, cost, latency, attempts,
                id, cached, answer.finishReason());
    }

    private ChatReply failed(ModelClient client, ChatCall call, long started, int attempts, Failure failure) {
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        metrics.call(client.name(), call.purpose(), CallLedger.Outcome.FAILED, latency, 0, 0);
        ledger.record(new CallLedger.Entry(client.name(), client.profile().model(), call.purpose(), call.owner(), 0, 0,
                false, BigDecimal.ZERO, latency.toMillis(), attempts, CallLedger.Outcome.FAILED, failure.kind(),
                failure.description()));
        throw new ModelCallFailed(client.name(), call.purpose(), attempts, failure.description(), failure.retryable(),
                failure.status());
    }

    /** Exponential backoff with jitter (half fixed, half random), or the server's {@code Retry-After}, capped. */
    private Duration backoff(int attempt, Failure failure) {
        Duration cap = settings.maxBackoff();
        if (failure != null && failure.retryAfter() != null) {
            return failure.retryAfter().compareTo(cap) > 0 ? cap : failure.retryAfter();
        }
        long exponential = settings.initialBackoff().toMillis() << Math.min(attempt - 2, 20);
        long ceiling = Math.min(cap.toMillis(), exponential);
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while backing off");
        }
    }

    private static BigDecimal cost(ModelProfile profile, int prompt, int completion) {
        BigDecimal in = profile.inputPricePerMillion() == null ? BigDecimal.ZERO
                : profile.inputPricePerMillion().multiply(BigDecimal.valueOf(prompt));
        BigDecimal out = profile.outputPricePerMillion() == null ? BigDecimal.ZERO
                : profile.outputPricePerMillion().multiply(BigDecimal.valueOf(completion));
        return in.add(out).divide(MILLION, MathContext.DECIMAL64);
    }
}
