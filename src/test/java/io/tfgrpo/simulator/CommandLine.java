package io.tfgrpo.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.tfgrpo.simulator.LlmSimulator.Options;

/** {@code --name value} arguments over {@link Options#defaults()}, and the help text that lists them. */
final class CommandLine {

    private CommandLine() {
    }

    /** The options, or the process ends: after printing the help, or with status 2 and the problem. */
    static Options parseOrExit(String... args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(help());
            System.exit(0);
        }
        try {
            return parse(args);
        }
        catch (IllegalArgumentException e) {
            System.err.println("llm-simulator: " + e.getMessage() + " (see --help)");
            System.exit(2);
            return null;
        }
    }

    static Options parse(String... args) {
        Options options = Options.defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(2, equals) : arg.substring(2);
            String value;
            if (equals > 0) {
                value = arg.substring(equals + 1);
            }
            else if (i + 1 < args.length) {
                value = args[++i];
            }
            else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            options = apply(options, name, value);
        }
        return options;
    }

    private static Options apply(Options o, String name, String value) {
        return switch (name) {
            case "host" -> o.withHost(value);
            case "port" -> o.withPort(integer(name, value));
            case "latency-ms" -> o.withLatencyMs(whole(name, value));
            case "latency-jitter-ms" -> o.withLatencyJitterMs(whole(name, value));
            case "error-rate" -> o.withErrorRate(fraction(name, value));
            case "timeout-ms" -> o.withTimeoutMs(whole(name, value));
            case "retry-after-seconds" -> o.withRetryAfterSeconds(integer(name, value));
            case "answers" -> o.withAnswers(existingFile(value));
            case "accuracy" -> o.withAccuracy(fraction(name, value));
            case "prior-boost" -> o.withPriorBoost(fraction(name, value));
            case "seed" -> o.withSeed(whole(name, value));
            case "model" -> o.withModel(value);
            case "cut-off-rate" -> o.withCutOffRate(fraction(name, value));
            case "failing-request-rate" -> o.withFailingRequestRate(fraction(name, value));
            default -> throw new IllegalArgumentException("unknown option --" + name);
        };
    }

    static String help() {
        Options d = Options.defaults();
        return """
                Usage: scripts/llm-simulator [--name value]...
                An OpenAI-compatible LLM simulator with synthetic, deterministic answers (test use only).

                  --host HOST                 address to listen on (default %s)
                  --port N                    port, 0 for any free one (default %d)
                  --latency-ms N              mean added latency per call (default %d)
                  --latency-jitter-ms N       uniform +/- jitter around that mean (default %d)
                  --error-rate P              share of calls answered with an injected fault, 0..1 (default %s)
                                              faults, mixed evenly: 429, 500, timeout (504), malformed output
                  --timeout-ms N              how long a timeout fault holds the request before its 504 (default %d)
                  --failing-request-rate P    share of requests answered 500 however often they are sent, drawn
                                              from the request: a call that fails after retries (default %s)
                  --cut-off-rate P            share of plain-text answers cut off halfway with finish_reason
                                              "length", drawn from the request (default %s)
                  --retry-after-seconds N     Retry-After of the 429 fault (default %d)
                  --answers FILE.jsonl        problems with reference answers ("problem"/"question"/"prompt", "answer")
                  --accuracy P                chance that a rollout's \\boxed{} answer is right, 0..1 (default %s)
                  --prior-boost D             added to that chance when the prompt carries [E1] lines (default %s)
                  --seed N                    seed of every random choice (default %d)
                  --model ID                  the model id it reports (default %s)
                  --help                      this text

                Endpoints: POST /v1/chat/completions, GET /v1/models, GET /health, GET|DELETE /journal
                """.formatted(d.host(), d.port(), d.latencyMs(), d.latencyJitterMs(), d.errorRate(), d.timeoutMs(),
                d.failingRequestRate(), d.cutOffRate(), d.retryAfterSeconds(), d.accuracy(), d.priorBoost(), d.seed(), d.model());
    }

    private static long whole(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'");
        }
    }

    /** Out-of-range values are clamped, so that the options' own range check reports them. */
    private static int integer(String name, String value) {
        return (int) Math.clamp(whole(name, value), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static double fraction(String name, String value) {
        try {
            return Double.parseDouble(value.strip());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'");
        }
    }

    private static Path existingFile(String value) {
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("--answers: no such file " + path.toAbsolutePath());
        }
        return path;
    }
}
