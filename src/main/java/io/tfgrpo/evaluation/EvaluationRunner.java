package io.tfgrpo.evaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.tfgrpo.dataset.DatasetItemView;
import io.tfgrpo.dataset.Datasets;
import io.tfgrpo.library.ExperiencePrior;
import io.tfgrpo.library.Libraries;
import io.tfgrpo.library.LibraryVersions;
import io.tfgrpo.llm.ChatCall;
import io.tfgrpo.llm.ChatMessage;
import io.tfgrpo.llm.ChatReply;
import io.tfgrpo.llm.LlmGateway;
import io.tfgrpo.llm.ModelCallFailed;
import io.tfgrpo.llm.Purpose;
import io.tfgrpo.llm.StructuredOutputFailed;
import io.tfgrpo.reward.Attempt;
import io.tfgrpo.reward.Reward;
import io.tfgrpo.reward.Verifier;
import io.tfgrpo.reward.VerifierFailed;
import io.tfgrpo.reward.Verifiers;
import io.tfgrpo.shared.DatabaseUnavailable;
import io.tfgrpo.shared.PromptTemplate;

/**
 * Answers every (version, problem, sample) of an evaluation that has no stored answer yet, with the version's
 * prior applied as training and inference apply it, the rollout prompt training uses, and the evaluation's
 * temperature; each answer is scored and stored as it arrives, so a resumed run asks only for what is missing.
 */
@Component
class EvaluationRunner {

    private static final Logger log = LoggerFactory.getLogger(EvaluationRunner.class);
    private static final PromptTemplate ROLLOUT = PromptTemplate.load("rollout.txt");

    private final EvaluationStore store;
    private final Datasets datasets;
    private final Libraries libraries;
    private final LibraryVersions versions;
    private final LlmGateway gateway;
    private final Verifiers verifiers;

    EvaluationRunner(EvaluationStore store, Datasets datasets, Libraries libraries, LibraryVersions versions,
            LlmGateway gateway, Verifiers verifiers) {
        this.store = store;
        this.datasets = datasets;
        this.libraries = libraries;
        this.versions = versions;
        this.gateway = gateway;
        this.verifiers = verifiers;
    }

    /** How an execution ended: the evaluation ended, or this instance is stopping and left it for another. */
    enum Outcome {
        ENDED, STOPPED
    }

    Outcome run(UUID id, BooleanSupplier stopping) {
        OptionalLong lease = store.claim(id);
        if (lease.isEmpty()) {
            return Outcome.ENDED;
        }
        EvaluationConfig c = store.find(id).orElseThrow().config();
        try {
            List<DatasetItemView> items = datasets.allItems(c.datasetId());
            Verifier verifier = verifiers.create(c.verifier(), id.toString());
            String template = libraries.get(c.library()).priorTemplate();
            Set<String> answered = store.answered(id);
            Semaphore slots = new Semaphore(gateway.profile(c.model()).maxConcurrency(), true);
            Cancellation cancellation = new Cancellation(() -> store.cancelRequested(id), stopping, c.budget(),
                    store.answers(id));
            List<Runnable> work = new ArrayList<>();
            for (String label : c.versions()) {
                String prior = label.equals("none") ? ""
                        : ExperiencePrior.render(template, versions.get(c.library(), Integer.parseInt(label)).experiences());
                for (DatasetItemView item : items) {
                    for (int sample = 0; sample < c.samples(); sample++) {
                        if (!answered.contains(label + "/" + item.ordinal() + "/" + sample)) {
                            int s = sample;
                            work.add(() -> answer(id, c, label, prior, item, s, verifier, slots, cancellation));
                        }
                    }
                }
            }
            fanOut(work);
            store.finish(id, lease.getAsLong(), "SUCCEEDED", null, null);
        }
        catch (Cancelled cancelled) {
            store.finish(id, lease.getAsLong(), "CANCELLED", "CANCELLED", "Cancelled on request");
        }
        catch (Stopping stopped) {
            // the answers stored so far are kept: the next run asks only for the others
            log.info("Evaluation {} stops on this instance (shutting down); it resumes elsewhere", id);
            return Outcome.STOPPED;
        }
        catch (OverBudget over) {
            store.finish(id, lease.getAsLong(), "FAILED", "BUDGET_EXCEEDED", over.getMessage());
        }
        catch (RuntimeException e) {
            if (DatabaseUnavailable.causes(e)) {
                // stored answers are kept; the execution is retried (or revived) once the database is back
                log.warn("Evaluation {} pauses, the database is unavailable: {}", id, e.getMessage());
                throw e;
            }
            log.error("Evaluation {} failed", id, e);
            store.finish(id, lease.getAsLong(), "FAILED", "ERROR", e.getMessage());
        }
        return Outcome.ENDED;
    }

    private void answer(UUID id, EvaluationConfig c, String label, String prior, DatasetItemView item, int sample,
            Verifier verifier, Semaphore slots, Cancellation cancellation) {
        slots.acquireUninterruptibly();
        try {
            cancellation.check();
            ChatReply reply;
            try {
                List<ChatMessage> messages = ChatMessage.withSystemText(
                    List.of(ChatMessage.user(ROLLOUT.render(Map.of("problem", item.problem())))), prior);
                reply = gateway.chat(ChatCall.of(c.model(), Purpose.EVALUATION, messages).ownedBy(id.toString())
                        .withTemperature(c.temperature()).withSeed((int) (c.seed() * 1_000_003L + item.ordinal() * 131L
                                + sample)));
            }
            catch (RuntimeException e) {
                cancellation.released();
                throw e;
            }
            // the spending is counted in the same step as the reservation is returned: in between, another call
            // could be let in against the tokens without this one's
            cancellation.spent(reply);
            Reward reward;
            try {
                reward = verifier.score(new Attempt(item.problem(), item.answer(), reply.content()));
            }
            catch (ModelCallFailed | StructuredOutputFailed | VerifierFailed unjudged) {
                // the gateway has retried the judge's call already: a failed judgement, not a wrong answer
                log.warn("Evaluation {}: answer {}/{}/{} could not be scored: {}", id, label, item.ordinal(), sample,
                        unjudged.getMessage());
                store.saveUnjudged(id, label, item.ordinal(), sample, reply.content(), unjudged.getMessage(),
                        reply.totalTokens(), reply.costUsd());
                return;
            }
            store.saveAnswer(id, label, item.ordinal(), sample, reply.content(), reward.extractedAnswer(), reward.value(),
                    false, reply.totalTokens(), reply.costUsd());
        }
        catch (ModelCallFailed failed) {
            store.saveAnswer(id, label, item.ordinal(), sample, null, null, 0, true, 0, BigDecimal.ZERO);
        }
        finally {
            slots.release();
        }
    }

    private static void fanOut(List<Runnable> work) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = work.stream().<Future<?>>map(threads::submit).toList();
            for (Future<?> future : futures) {
                try {
                    future.get();
                }
                catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /**
     * Checked before each call: whether this instance is stopping, the run's cancel flag (read from the database at
     * most every 300 ms) and its budget, which reserves for each call in flight as much as the largest call so far
     * (500 tokens before the first).
     */
    private static final class Cancellation {

        private final BooleanSupplier requested;
        private final BooleanSupplier stopping;
        private final StartEvaluation.Budget budget;
        private volatile long lastCheck;
        private volatile boolean cancelled;
        private long tokens;
        private BigDecimal cost = BigDecimal.ZERO;
        private long largest;
        private BigDecimal largestCost = BigDecimal.ZERO;
        private int inFlight;

        Cancellation(BooleanSupplier requested, BooleanSupplier stopping, StartEvaluation.Budget budget,
                List<EvaluationStore.Answer> stored) {
            this.requested = requested;
            this.stopping = stopping;
            this.budget = budget;
            stored.forEach(a -> {
                tokens += a.tokens();
                cost = cost.add(a.cost());
            });
        }

        void check() {
            if (stopping.getAsBoolean()) {
                throw new Stopping();
            }
            long now = System.nanoTime();
            if (!cancelled && now - lastCheck > 300_000_000L) {
                lastCheck = now;
                cancelled = requested.getAsBoolean();
            }
            if (cancelled) {
                throw new Cancelled();
            }
            reserve();
        }

        private synchronized void reserve() {
            long estimate = largest == 0 ? 500 : largest;
            if (budget != null && budget.maxTokens() != null && tokens + (inFlight + 1) * estimate > budget.maxTokens()) {
                throw new OverBudget("The next call could pass the budget of " + budget.maxTokens() + " tokens ("
                        + tokens + " used)");
            }
            if (budget != null && budget.maxCostUsd() != null && cost.add(largestCost.multiply(
                    BigDecimal.valueOf(inFlight + 1))).compareTo(budget.maxCostUsd()) > 0) {
                throw new OverBudget("The next call could pass the budget of $" + budget.maxCostUsd().toPlainString()
                        + " ($" + cost.toPlainString() + " spent)");
            }
            inFlight++;
        }

        /** A call in flight ended without an answer. */
        synchronized void released() {
            inFlight--;
        }

        /** A call in flight ended with an answer: its reservation is replaced by what it really used. */
        synchronized void spent(ChatReply reply) {
            inFlight--;
            tokens += reply.totalTokens();
            cost = cost.add(reply.costUsd());
            largest = Math.max(largest, reply.totalTokens());
            largestCost = largestCost.max(reply.costUsd());
        }
    }

    private static final class Cancelled extends RuntimeException {
    }

    private static final class Stopping extends RuntimeException {
    }

    private static final class OverBudget extends RuntimeException {

        OverBudget(String message) {
            super(message);
        }
    }
}
