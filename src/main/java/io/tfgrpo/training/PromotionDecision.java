package io.tfgrpo.training;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.tfgrpo.evaluation.EvaluationView;
import io.tfgrpo.evaluation.Evaluations;
import io.tfgrpo.evaluation.StartEvaluation;
import io.tfgrpo.library.Libraries;
import io.tfgrpo.library.LibraryVersions;
import io.tfgrpo.library.LibraryView;
import io.tfgrpo.runs.LeaseLost;
import io.tfgrpo.runs.RunEnded;

/**
 * What a finished job does with its last version. A version without experiences is never promoted. Without
 * validation, the version is promoted only if the library still serves version 0 (there is nothing to lose);
 * otherwise the served version stays, and the job says so and how to promote by hand. With validation, the last
 * version is evaluated against the version the job started from (one evaluation, remembered, so a resumed job
 * reuses it) and promoted only if the lower bound of the improvement's 95% interval is above
 * {@code minImprovement}. The job does not wait for that evaluation on an engine thread: it looks at it and, if it
 * has not ended, says so and is looked at again later.
 */
@Component
class PromotionDecision {

    /**
     * Promote {@code version} or not ({@code version} null: nothing to promote) — {@code reason} says why, and
     * {@code evidence}, when there was a validation, holds its figures.
     */
    record Verdict(Integer version, boolean promote, String reason, Evidence evidence) {

        static Verdict promote(int version, String reason) {
            return new Verdict(version, true, reason, null);
        }

        static Verdict keep(Integer version, String reason) {
            return new Verdict(version, false, reason, null);
        }
    }

    /** The validation's comparison of the last version with the starting one. */
    record Evidence(UUID evaluationId, double difference, double lower, double upper) {
    }

    private final JobStore jobs;
    private final Evaluations evaluations;
    private final Libraries libraries;
    private final LibraryVersions versions;
    private final TrainingSettings settings;
    private final TransactionTemplate transaction;

    PromotionDecision(JobStore jobs, Evaluations evaluations, Libraries libraries, LibraryVersions versions,
            TrainingSettings settings, TransactionTemplate transaction) {
        this.jobs = jobs;
        this.evaluations = evaluations;
        this.libraries = libraries;
        this.versions = versions;
        this.settings = settings;
        this.transaction = transaction;
    }

    /** The verdict on the job's last version; empty while its validation evaluation goes on. */
    Optional<Verdict> decide(JobStore.Job job, Integer last) {
        if (last == null) {
            return Optional.of(Verdict.keep(null, "nothing to promote: the job committed no version"));
        }
        if (versions.get(job.library(), last).experiences().isEmpty()) {
            return Optional.of(Verdict.keep(last, "not promoted: version " + last + " has no experiences"));
        }
        StartTrainingJob.Validation validation = job.config().validation();
        if (validation == null) {
            int served = libraries.get(job.library()).currentVersion();
            if (served != 0) {
                return Optional.of(Verdict.keep(last, "not promoted: no validation set; version " + served
                        + " is served"));
            }
            return Optional.of(Verdict.promote(last, "version " + last
                    + " (no validation set; version 0 was served, nothing to lose)"));
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
                + "%+.3f] over %d problems (evaluation %s)", last, c.baseline(), result.samples(), c.difference(),
                c.lower(), c.upper(), c.problems(), evaluation);
        Evidence evidence = new Evidence(evaluation, c.difference(), c.lower(), c.upper());
        if (c.lower() > minimum) {
            return Optional.of(new Verdict(last, true, figures + "; the lower bound is above " + minimum, evidence));
        }
        return Optional.of(new Verdict(last, false, "kept version " + job.startVersion() + " current: " + figures
                + "; the lower bound is not above " + minimum, evidence));
    }

    /**
     * Carries the verdict out and ends the job SUCCEEDED, in one transaction: the version is promoted only if the
     * version the job started from is still served, and only while this worker still holds the job's lease
     * (otherwise {@link LeaseLost}, and nothing changes).
     */
    void conclude(JobStore.Job job, Verdict verdict) {
        transaction.executeWithoutResult(status -> {
            Promotion promotion = verdict.promote() ? promote(job, verdict)
                    : recorded(job, verdict, false, libraries.get(job.library()).currentVersion(), verdict.reason());
            if (!jobs.succeed(job.id(), job.leaseEpoch(), promotion)) {
                throw new LeaseLost(job.id(), "concluding it");
            }
        });
    }

    private Promotion promote(JobStore.Job job, Verdict verdict) {
        LibraryView library = libraries.promoteIfServing(job.library(), job.startVersion(), verdict.version());
        if (library.currentVersion() == verdict.version()) {
            return recorded(job, verdict, true, library.currentVersion(), "promoted " + verdict.reason());
        }
        return recorded(job, verdict, false, library.currentVersion(), "not promoted: the served version changed from "
                + job.startVersion() + " to " + library.currentVersion() + " during the job; " + verdict.reason());
    }

    private static Promotion recorded(JobStore.Job job, Verdict verdict, boolean promoted, int served, String reason) {
        String promoteWith = promoted || verdict.version() == null ? null
                : "PUT /api/libraries/" + job.library() + "/current {\"version\": " + verdict.version() + "}";
        Evidence e = verdict.evidence();
        return new Promotion(promoted, verdict.version(), served, reason, promoteWith,
                e == null ? null : e.evaluationId(), e == null ? null : e.difference(), e == null ? null : e.lower(),
                e == null ? null : e.upper());
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
                validation.k(), null, null, job.config().verifier(), null, job.config().seed(),
                job.config().promptOverrides().get("rollout"))).id(); // answered as the job's rollouts were
        jobs.saveValidationEvaluation(job.id(), job.leaseEpoch(), id);
        return id;
    }
}
