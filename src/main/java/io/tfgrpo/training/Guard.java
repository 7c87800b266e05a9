package io.tfgrpo.training;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.tfgrpo.llm.ChatReply;
import io.tfgrpo.llm.UsageView;

/**
 * Checked before every model call of a job: stops it within moments of a cancel request, and before a call that
 * would take it past its budget (the next call is expected to cost what the job's calls cost on average).
 */
final class Guard {

    private static final long CANCEL_CHECK_NANOS = 300_000_000L;

    private final UUID job;
    private final JobStore jobs;
    private final StartTrainingJob.Budget budget;
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicReference<BigDecimal> cost = new AtomicReference<>(BigDecimal.ZERO);
    private volatile long lastCancelCheck;
    private volatile boolean cancelled;

    Guard(UUID job, JobStore jobs, StartTrainingJob.Budget budget, UsageView spentSoFar) {
        this.job = job;
        this.jobs = jobs;
        this.budget = budget;
        tokens.set(spentSoFar.totalTokens());
        calls.set(spentSoFar.calls());
        cost.set(spentSoFar.costUsd());
    }

    void beforeCall() {
        long now = System.nanoTime();
        if (!cancelled && now - lastCancelCheck > CANCEL_CHECK_NANOS) {
            lastCancelCheck = now;
            cancelled = jobs.cancelRequested(job);
        }
        if (cancelled) {
            throw JobStopped.cancelled();
        }
        if (budget == null || calls.get() == 0) {
            return;
        }
        long n = calls.get();
        if (budget.maxTokens() != null && tokens.get() + tokens.get() / n > budget.maxTokens()) {
            throw JobStopped.overBudget("The next call would pass the budget of " + budget.maxTokens()
                    + " tokens (" + tokens.get() + " used)");
        }
        BigDecimal spent = cost.get();
        if (budget.maxCostUsd() != null && spent.add(spent.divide(BigDecimal.valueOf(n), MathContext.DECIMAL64))
                .compareTo(budget.maxCostUsd()) > 0) {
            throw JobStopped.overBudget("The next call would pass the budget of $" + budget.maxCostUsd().toPlainString()
                    + " ($" + spent.toPlainString() + " spent)");
        }
    }

    void spent(ChatReply reply) {
        calls.incrementAndGet();
        tokens.addAndGet(reply.totalTokens());
        cost.accumulateAndGet(reply.costUsd(), BigDecimal::add);
    }

    long tokens() {
        return tokens.get();
    }

    BigDecimal cost() {
        return cost.get();
    }
}
