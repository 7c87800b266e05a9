package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import io.tfgrpo.library.ExperienceOperation;
import io.tfgrpo.library.Libraries;
import io.tfgrpo.library.LibraryVersions;
import io.tfgrpo.library.VersionOrigin;

/**
 * A job never makes the served library worse silently: without a validation set it replaces only version 0, and
 * it never promotes a version without experiences.
 */
class PromotionWithoutValidationTest extends TrainingTest {

    @Autowired
    JobStore jobs;

    @Autowired
    PromotionDecision promotion;

    @Autowired
    Libraries libraries;

    @Autowired
    LibraryVersions versions;

    /**
     * The README's walk in its order: hand edits up to version 2, served, then a job without a validation set whose
     * last version (3) has experiences. (The job's version is committed here, not by a simulated job, whose library
     * content is luck: an empty last version is another rule, tested below.)
     */
    @Test
    void aJobWithoutValidationLeavesAHandEditedServedVersionAlone() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("walk-order");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", library))
                .exchange().expectStatus().isCreated();
        http.post().uri("/api/libraries/{name}/versions", library).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("baseVersion", 0, "operations", List.of(Map.of("op", "ADD",
                        "text", "Check that the final number answers the question actually asked."))))
                .exchange().expectStatus().isCreated();
        http.post().uri("/api/libraries/{name}/versions", library).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("baseVersion", 1, "promote", true, "operations", List.of(Map.of("op", "UPDATE",
                        "code", "E1", "text", "Before answering, check that the number is the quantity asked for."))))
                .exchange().expectStatus().isCreated();

        Promotion decided = concludedJob(dataset, library, 2, "Restate what is asked before computing.");

        assertThat(libraries.get(library).currentVersion()).as("the hand-edited version is still served").isEqualTo(2);
        assertThat(decided).isEqualTo(new Promotion(false, 3, 2, "not promoted: no validation set; version 2 is served",
                "PUT /api/libraries/" + library + "/current {\"version\": 3}", null, null, null, null));
    }

    @Test
    void aJobWithoutValidationStillReplacesVersionZero() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("from-zero");
        libraries.getOrCreate(library, null);

        Promotion decided = concludedJob(dataset, library, 0, "Check the units of the answer.");

        assertThat(libraries.get(library).currentVersion()).isEqualTo(1);
        assertThat(decided.promoted()).isTrue();
        assertThat(decided.version()).isEqualTo(1);
        assertThat(decided.served()).isEqualTo(1);
        assertThat(decided.reason()).isEqualTo("promoted version 1 (no validation set; version 0 was served, "
                + "nothing to lose)");
        assertThat(decided.promoteWith()).isNull();
    }

    /**
     * A job without validation that started from {@code start} and committed one version on it, adding
     * {@code experience}: its promotion decided and carried out as at the job's end.
     */
    private Promotion concludedJob(UUID dataset, String library, int start, String experience) {
        int last = versions.commit(library, start, List.of(ExperienceOperation.add(experience)),
                VersionOrigin.manual("the job's step"), Map.of("source", "manual"), false).version();
        UUID id = UUID.randomUUID();
        jobs.insert(id, JobConfig.of(new StartTrainingJob(dataset, library, "sim", "sim", 2, 1, null, null, null,
                null, null, null, null, null, null, 3L, null), 20, null), start, 2, null);
        jobs.runs().claim(id, "worker");
        JobStore.Job job = jobs.find(id).orElseThrow();
        promotion.conclude(job, promotion.decide(job, last).orElseThrow());
        return jobs.find(id).orElseThrow().promotion();
    }

    @Test
    void aVersionWithoutExperiencesIsNeverPromoted() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        for (boolean validated : new boolean[] { false, true }) {
            String library = library(validated ? "empty-validated" : "empty");
            libraries.getOrCreate(library, null);
            // what the job committed: a tip, then its deletion, so its last version (2) is as empty as version 0
            versions.commit(library, 0, List.of(ExperienceOperation.add("Check the units of the answer.")),
                    VersionOrigin.manual("step 1"), Map.of("source", "manual"), false);
            versions.commit(library, 1, List.of(ExperienceOperation.delete("E1")), VersionOrigin.manual("step 2"),
                    Map.of("source", "manual"), false);
            UUID id = UUID.randomUUID();
            jobs.insert(id, JobConfig.of(new StartTrainingJob(dataset, library, "sim", "sim", 2, 1, null, null, null,
                    null, null, null, null, null, validated ? new StartTrainingJob.Validation(dataset, 2, -1.0) : null,
                    3L, null), 20, null), 0, 2, null);
            jobs.runs().claim(id, "worker");
            JobStore.Job job = jobs.find(id).orElseThrow();

            PromotionDecision.Verdict verdict = promotion.decide(job, 2).orElseThrow();
            promotion.conclude(job, verdict);

            assertThat(libraries.get(library).currentVersion()).as("validated: %s", validated).isZero();
            Promotion decided = jobs.find(id).orElseThrow().promotion();
            assertThat(decided.promoted()).isFalse();
            assertThat(decided.reason()).isEqualTo("not promoted: version 2 has no experiences");
            assertThat(decided.served()).isZero();
            assertThat(jobs.find(id).orElseThrow().validationEvaluation()).as("no evaluation of an empty version")
                    .isNull();
            assertThat(count("select count(*) from evaluation where library = ?", library)).isZero();
        }
    }
}
