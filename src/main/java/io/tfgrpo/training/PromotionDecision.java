package io.tfgrpo.training;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.springframework.stereotype.Component;

import io.tfgrpo.evaluation.EvaluationView;
import io.tfgrpo.evaluation.Evaluations;
import io.tfgrpo.evaluation.StartEvaluation;
import io.tfgrpo.library.Libraries;

/**
 * What a finished job does with its last version. Without validation it is promoted. With validation, it is
 * evaluated against the version the job started from (one evaluation, remembered, so a resumed job reuses it)
 * and promoted only if the lower bound of the improvement's 95% interval is above {@code minImprovement}.
 */
@Component
class PromotionDecision {

    private static final Duration POLL = Duration.ofMillis(300);

    private final JobStore jobs;
    private final Evaluations evaluations;
    private final Libraries libraries;

    PromotionDecision(JobStore jobs, Evaluations evaluations, Libraries libraries) {
        this.jobs = jobs;
        this.evaluations = evaluations;
        this.libraries = libraries;
    }

    /** Decides, promotes if so, and says what it decided and why. */
    String decide(JobStore.Job job, Integer last, BooleanSupplier stopping) {
        if (last == null) {
            return "nothing to promote: the job committed no version";
        }
        StartTrainingJob.Validation validation = job.config().validation();
        if (validation == null) {
            libraries.promote(job.library(), last);
            return "promoted version " + last + " (no validation was asked for)";
        }
        UUID evaluation = job.validationEvaluation() != null ? job.validationEvaluation() : startEvaluation(job, last);
        EvaluationView result = await(evaluation, job.id(), stopping);
        if (!result.status().equals("SUCCEEDED")) {
            throw JobStopped.failed("VALIDATION_FAILED", "The validation evaluation " + evaluation + " ended "
                    + result.status() + (result.error() == null ? "" : ": " + result.error()));
        }
        EvaluationView.Comparison c = result.comparisons().stream()
                .filter(comparison -> comparison.version().equals(Integer.toString(last))).findFirst().orElseThrow();
        double minimum = validation.minImprovement() == null ? 0 : validation.minImprovement();
        String figures = String.format(Locale.ROOT, "version %d vs version %s: Mean@%d %+.3f, 95%% interval [%+.3f, "
                + "%+.3f] over %d problems (evaluation %s)", last, c.baseline(), result.k(), c.difference(), c.lower(),
                c.upper(), c.problems(), evaluation);
        if (c.lower() > minimum) {
            libraries.promote(job.library(), last);
            return "promoted " + figures + "; the lower bound is above " + minimum;
        }
        return "kept version " + job.startVersion() + " current: " + figures + "; the lower bound is not above "
                + minimum;
    }

    private UUID startEvaluation(JobStore.Job job, int last) {
        StartTrainingJob.Validation validation = job.config().validation();
        UUID id = evaluations.start(new StartEvaluation(validation.datasetId(), job.library(),
                List.of(Integer.toString(job.startVersion()), Integer.toString(last)), job.config().rolloutModel(),
                validation.k(), null, job.config().verifier(), null, job.config().seed())).id();
        jobs.saveValidationEvaluation(job.id(), job.leaseEpoch(), id);
        return id;
    }

    private EvaluationView await(UUID evaluation, UUID job, BooleanSupplier stopping) {
        while (true) {
            EvaluationView view = evaluations.get(evaluation);
            if (view.status().matches("SUCCEEDED|FAILED|CANCELLED")) {
                return view;
            }
            if (stopping.getAsBoolean()) {
                throw new WorkerStopping();
            }
            if (jobs.cancelRequested(job)) {
                evaluations.cancel(evaluation);
                throw JobStopped.cancelled();
            }
            try {
                Thread.sleep(POLL);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WorkerStopping();
            }
        }
    }
}
