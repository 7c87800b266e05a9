package io.tfgrpo.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for an OpenAI-compatible LLM server: synthetic but deterministic answers for every call the method
 * makes (rollouts ending in {@code \boxed{}}, schema-valid JSON for the distillation calls), with configurable
 * latency, injected faults and a journal of what it received. Test code only: no model can be downloaded on the
 * build machines, and the answers are synthetic, never a model's.
 */
public final class LlmSimulator implements AutoCloseable {

    /** How the simulator behaves; start from {@link #defaults()} and change what matters with the withers. */
    public record Options(String host, int port, long latencyMs, long latencyJitterMs, double errorRate,
            long timeoutMs, int retryAfterSeconds, Path answers, double accuracy, double priorBoost, long seed,
            String model, double cutOffRate, double failingRequestRate) {

        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(model, "model");
            require(port >= 0 && port <= 65_535, "port must be 0..65535");
            require(latencyMs >= 0 && latencyJitterMs >= 0, "latency and jitter must not be negative");
            require(errorRate >= 0 && errorRate <= 1, "error-rate must be 0..1");
            require(cutOffRate >= 0 && cutOffRate <= 1, "cut-off-rate must be 0..1");
            require(failingRequestRate >= 0 && failingRequestRate <= 1, "failing-request-rate must be 0..1");
            require(timeoutMs >= 0 && retryAfterSeconds >= 0, "timeout and retry-after must not be negative");
            require(accuracy >= 0 && accuracy <= 1, "accuracy must be 0..1");
            require(priorBoost >= -1 && priorBoost <= 1, "prior-boost must be -1..1");
            require(!model.isBlank(), "model must not be blank");
        }

        public static Options defaults() {
            return new Options("127.0.0.1", 8089, 0, 0, 0, 30_000, 1, null, 0.5, 0, 42, "simulator", 0, 0);
        }

        /** Parses {@code --name value} (or {@code --name=value}) arguments over the defaults. */
        public static Options fromArgs(String... args) {
            return CommandLine.parse(args);
        }

        public Options withHost(String host) { return edit(d -> d.host = host); }
        public Options withPort(int port) { return edit(d -> d.port = port); }
        public Options withLatencyMs(long latencyMs) { return edit(d -> d.latencyMs = latencyMs); }
        public Options withLatencyJitterMs(long jitterMs) { return edit(d -> d.latencyJitterMs = jitterMs); }
        public Options withErrorRate(double errorRate) { return edit(d -> d.errorRate = errorRate); }
        public Options withTimeoutMs(long timeoutMs) { return edit(d -> d.timeoutMs = timeoutMs); }
        public Options withRetryAfterSeconds(int seconds) { return edit(d -> d.retryAfterSeconds = seconds); }
        public Options withAnswers(Path answers) { return edit(d -> d.answers = answers); }
        public Options withAccuracy(double accuracy) { return edit(d -> d.accuracy = accuracy); }
        public Options withPriorBoost(double priorBoost) { return edit(d -> d.priorBoost = priorBoost); }
        public Options withSeed(long seed) { return edit(d -> d.seed = seed); }
        public Options withModel(String model) { return edit(d -> d.model = model); }
        public Options withCutOffRate(double rate) { return edit(d -> d.cutOffRate = rate); }
        public Options withFailingRequestRate(double rate) { return edit(d -> d.failingRequestRate = rate); }

        private Options edit(Consumer<OptionsDraft> change) {
            var draft = new OptionsDraft(this);
            change.accept(draft);
            return draft.options();
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /**
     * What the simulator has received since it started or was last reset. {@code byOutcome} always holds
     * {@code ok}, {@code 429}, {@code 500}, {@code timeout}, {@code malformed} and {@code invalid} (400s).
     */
    public record Journal(long calls, Map<String, Long> byPurpose, Map<String, Long> byOutcome, int peakConcurrency,
            int inFlight, long repeatedRequests, List<Request> recent, List<Repeat> repeats) {

        /**
         * One chat request; {@code repeated} when its key had already been answered with outcome ok; {@code n} and
         * {@code maxTokens} as asked ({@code max_completion_tokens} or {@code max_tokens}; null: not asked).
         */
        public record Request(long seq, String purpose, String model, String key, Long seed, Double temperature,
                boolean stream, String responseFormat, boolean carriesExperiences, boolean repeated,
                List<Message> messages, String outcome, int n, Integer maxTokens) {
        }

        public record Message(String role, String content) {
        }

        /**
         * A request whose key had been answered with outcome ok before: when the first such request and this one
         * were received (epoch milliseconds). Every repeat since the start or the last reset is kept.
         */
        public record Repeat(String purpose, Long seed, String key, long firstReceivedAt, long receivedAt) {
        }

        public long outcome(String name) {
            return byOutcome.getOrDefault(name, 0L);
        }

        public long purpose(String name) {
            return byPurpose.getOrDefault(name, 0L);
        }
    }

    private final Options options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final CallLog log;

    private LlmSimulator(Options options, HttpServer server, ExecutorService executor, CallLog log) {
        this.options = options;
        this.server = server;
        this.executor = executor;
        this.log = log;
    }

    public static LlmSimulator start(Options options) {
        AnswerKey answers = options.answers() == null ? AnswerKey.NONE : AnswerKey.load(options.answers());
        var log = new CallLog();
        var chat = new ChatCompletions(options, log, new Replies(answers, options));
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            // a deep backlog: load tests open thousands of connections at once
            HttpServer server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 4096);
            server.setExecutor(executor);
            server.createContext("/", new Routes(options, log, chat));
            server.start();
            return new LlmSimulator(options, server, executor, log);
        }
        catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("Could not listen on " + options.host() + ":" + options.port(), e);
        }
    }

    public Options options() {
        return options;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The OpenAI-style base URL, {@code /v1} included (clients append {@code /chat/completions}). */
    public String baseUrl() {
        boolean wildcard = options.host().equals("0.0.0.0") || options.host().equals("::");
        return "http://" + (wildcard ? "127.0.0.1" : options.host()) + ":" + port() + "/v1";
    }

    public Journal journal() {
        return log.snapshot();
    }

    public void resetJournal() {
        log.reset();
    }

    @Override
    public void close() {
        server.stop(0);
        // interrupts requests still held by latency or a timeout fault
        executor.shutdownNow();
    }

    public static void main(String[] args) throws InterruptedException {
        LlmSimulator simulator = start(CommandLine.parseOrExit(args));
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("LLM simulator listening on " + simulator.baseUrl() + " (synthetic answers)");
        new CountDownLatch(1).await();
    }
}
