package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** A job commits a chain of its own versions, whatever else the library's versions did meanwhile. */
class VersionTreeTest extends TrainingTest {

    @Test
    void twoJobsOnOneLibraryAtOnceBothSucceedEachWithItsOwnChain() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("two");
        Map<String, Object> body = Map.of("datasetId", dataset, "library", library, "rolloutModel", "sim",
                "distillModel", "sim", "groupSize", 4, "epochs", 1, "batchSize", 10);
        UUID first = startedJob(withSeed(body, 5));
        UUID second = startedJob(withSeed(body, 6));

        for (UUID job : List.of(first, second)) {
            assertThat(finished(job)).as("job %s", job).isEqualTo("SUCCEEDED");
            assertChainFrom(library, job, 0);
        }
        // numbers stay one per-library sequence: unique and without gaps
        List<Integer> numbers = jdbc.queryForList("select v.version from library_version v join library l "
                + "on l.id = v.library_id where l.name = ? order by v.version", Integer.class, library);
        assertThat(numbers).isEqualTo(IntStream.range(0, numbers.size()).boxed().toList());
        assertThat(jobVersions(first)).isNotEmpty().doesNotContainAnyElementsOf(jobVersions(second));
        assertThat(jobVersions(second)).isNotEmpty();
    }

    @Test
    void aJobStartedAfterARollbackCommitsOnTheServedVersion() {
        String library = library("rolled-back");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", library))
                .exchange().expectStatus().isCreated();
        for (int base = 0; base < 2; base++) {
            http.post().uri("/api/libraries/{name}/versions", library).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("baseVersion", base, "promote", true, "operations",
                            List.of(Map.of("op", "ADD", "text", "Hand-written tip " + base + "."))))
                    .exchange().expectStatus().isCreated();
        }
        http.put().uri("/api/libraries/{name}/current", library).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("version", 1)).exchange().expectStatus().isOk();

        UUID job = startedJob(Map.of("datasetId", upload("samples/gsm8k-20.jsonl"), "library", library,
                "rolloutModel", "sim", "distillModel", "sim", "groupSize", 4, "epochs", 1, "batchSize", 10,
                "seed", 7));

        assertThat(finished(job)).isEqualTo("SUCCEEDED");
        assertChainFrom(library, job, 1);
        assertThat(jobVersions(job).getFirst()).isEqualTo(3);
    }

    /** The job's versions in step order: the first a child of {@code start}, each later one of the one before. */
    private void assertChainFrom(String library, UUID job, int start) {
        List<Integer> versions = jobVersions(job);
        assertThat(versions).as("versions of job %s", job).isNotEmpty();
        int parent = start;
        for (int version : versions) {
            Integer actual = jdbc.queryForObject("select v.parent_version from library_version v join library l "
                    + "on l.id = v.library_id where l.name = ? and v.version = ?", Integer.class, library, version);
            assertThat(actual).as("parent of version %d of job %s", version, job).isEqualTo(parent);
            http.get().uri("/api/libraries/{name}/versions/{v}", library, version).exchange().expectBody()
                    .jsonPath("$.parentVersion").isEqualTo(parent)
                    .jsonPath("$.jobId").isEqualTo(job.toString());
            parent = version;
        }
    }

    private List<Integer> jobVersions(UUID job) {
        return jdbc.queryForList("select library_version from training_step where job_id = ? "
                + "and library_version is not null order by step", Integer.class, job);
    }

    private String finished(UUID job) {
        String[] status = { null };
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            status[0] = http.get().uri("/api/training-jobs/{id}", job).exchange()
                    .returnResult(TrainingJobView.class).getResponseBody().status();
            return !List.of("QUEUED", "RUNNING").contains(status[0]);
        });
        http.get().uri("/api/training-jobs/{id}", job).exchange().expectBody().jsonPath("$.error")
                .value(e -> assertThat(e).as("job %s's error", job).isNull());
        return status[0];
    }

    private static Map<String, Object> withSeed(Map<String, Object> body, int seed) {
        Map<String, Object> seeded = new HashMap<>(body);
        seeded.put("seed", seed);
        return seeded;
    }
}
