package io.tfgrpo.training;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.tfgrpo.runs.LeaseLost;
import io.tfgrpo.runs.RunEnded;
import io.tfgrpo.evaluation.EvaluationView;
import io.tfgrpo.evaluation.Evaluations;
import io.tfgrpo.evaluation.StartEvaluation;
import io.tfgrpo.library.Libraries;
import io.tfgrpo.library.LibraryView;

/**
 * What a finished job does with its last version. Without validation it is promoted. With validation, it is
 * evaluated against the version the job started from (one evaluation, remembered, so a resumed job reuses it)
 * and promoted only if the lower bound of the improvement's 95% interval is above {@code minImprovement}. The
 * job does not wait for that evaluation on an engine thread: it looks at it and, if it has not ended, says so
 * and is looked at again later.
 */
@Component
class PromotionDecision {

    /** Promote {@code version} (null: nothing to promote) — {@code reason} says why, or why not. */
    record Verdict(Integer version, String reason) {

        static Verdict promote(int version, String reason) {
            return new Verdict(version, reason);
        }

        static Verdict keep(String reason) {
            return new Verdict(null, reason);
        }
    }

    private final JobStore jobs;
    private final Evaluations evaluations;
    private final Libraries libraries;
    private final TrainingSettings settings;
    private final TransactionTemplate transaction;

    PromotionDecision(JobStore jobs, Evaluations evaluations, Libraries libraries, TrainingSettings settings,
            TransactionTemplate transaction) {
        this.jobs = jobs;
        this.evaluations = evaluations;
        this.libraries = libraries;
        this.settings = settings;
        this.transaction = transaction;
    }

    /** The verdict on the job's last version; empty while its validation evaluation goes on. */
    Optional<Verdict> decide(JobStore.Job job, Integer last) {
        if (last == null) {
            return Optional.of(Verdict.keep("nothing to promote: the job committed no version"));
        }
        StartTrainingJob.Validation validation = job.config().validation();
        if (validation == null) {
            return Optional.of(Verdict.promote(last, "version " + last + " (no validation was asked for)"));
        }
        UUID evaluation = job.validationEvaluation() != null ? job.validationEvaluation() : startEvaluation(job, last);
        EvaluationView result = evaluations.get(evaluation);
        if (!result.status().matches("SUCCEEDED|FAILED|CANCELLED")) {
            stopWaitingIfAsked(job, result, last);
            return Optional.empty();
        }
        if (!result.status().equals("SUCCEEDED")) {
            throw RunEnded.failed("VALIDATION_FAILED", "The validation evaluation " + evaluation + " ended "
                    + result.status() + (result.error() == null ? "" : ": " + result.error()));
        }
        EvaluationView.Comparison c = result.comparisons().stream()
                .filter(comparison -> comparison.version().equals(Integer.toString(last))).findFirst().orElseThrow();
        double minimum = validation.minImprovement() == null ? 0 : validation.minImprovement();
        String figures = String.format(Locale.ROOT, "version %d vs version %s: Mean@%d %+.3f, 95%% interval [%+.3f, "
                + "%+.3f] over %d problems (evaluation %s)", last, c.baseline(), result.k(), c.difference(), c.lower(),
                c.upper(), c.problems(), evaluation);
        if (c.lower() > minimum) {
            return Optional.of(Verdict.promote(last, figures + "; the lower bound is above " + minimum));
        }
        return Optional.of(Verdict.keep("kept version " + job.startVersion() + " current: " + figures
                + "; the lower bound is not above " + minimum));
    }

    /**
     * Carries the verdict out and ends the job SUCCEEDED, in one transaction: the version is promoted only if the
     * version the job started from is still served, and only while this worker still holds the job's lease
     * (otherwise {@link LeaseLost}, and nothing changes).
     */
    void conclude(JobStore.Job job, Verdict verdict) {
        transaction.executeWithoutResult(status -> {
            String promotion = verdict.version() == null ? verdict.reason() : promote(job, verdict);
            if (!jobs.succeed(job.id(), job.leaseEpoch(), promotion)) {
                throw new LeaseLost(job.id(), "concluding it");
            }
        });
    }

    private String promote(JobStore.Job job, Verdict verdict) {
        LibraryView library = libraries.promoteIfServing(job.library(), job.startVersion(), verdict.version());
        if (library.currentVersion() == verdict.version()) {
            return "promoted " + verdict.reason();
        }
        return "not promoted: the served version changed from " + job.startVersion() + " to "
                + library.currentVersion() + " during the job; " + verdict.reason();
    }

    private void stopWaitingIfAsked(JobStore.Job job, EvaluationView evaluation, int last) {
        if (jobs.runs().cancelRequested(job.id())) {
            evaluations.cancelUnlessFinished(evaluation.id());
            throw RunEnded.cancelled();
        }
        Duration timeout = settings.validationTimeout();
        if (Instant.now().isAfter(evaluation.createdAt().plus(timeout))) {
            evaluations.cancelUnlessFinished(evaluation.id());
            throw RunEnded.failed("VALIDATION_TIMEOUT", "The validation evaluation " + evaluation.id()
                    + " did not end within " + timeout.toString().substring(2).toLowerCase(Locale.ROOT)
                    + " (tfgrpo.training.validation-timeout); it was cancelled and version " + last
                    + " was not promoted");
        }
    }

    private UUID startEvaluation(JobStore.Job job, int last) {
        StartTrainingJob.Validation validation = job.config().validation();
        UUID id = evaluations.start(new StartEvaluation(validation.datasetId(), job.library(),
                List.of(Integer.toString(job.startVersion()), Integer.toString(last)), job.config().rolloutModel(),
                validation.k(), null, job.config().verifier(), null, job.config().seed(),
                job.config().promptOverrides().get("rollout"))).id(); // answered as the job's rollouts were
        jobs.saveValidationEvaluation(job.id(), job.leaseEpoch(), id);
        return id;
    }
}
