package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.tfgrpo.simulator.LlmSimulator;

/** Training jobs end to end over HTTP, against the LLM simulator answering the 20 GSM8K sample problems. */
class TrainingJobApiTest extends TrainingTest {

    @Autowired
    TrainingJobs trainingJobs;

    @Test
    void aJobTrainsTheLibraryStepByStepAndReportsItsProgress() throws Exception {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        simulator.resetJournal();

        String location = http.post().uri("/api/training-jobs").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("datasetId", dataset, "library", library, "rolloutModel", "sim", "distillModel", "sim",
                        "groupSize", 4, "epochs", 2, "batchSize", 10, "seed", 5))
                .exchange().expectStatus().isEqualTo(HttpStatus.ACCEPTED)
                .expectHeader().valueMatches("Location", "/api/training-jobs/[0-9a-f-]{36}")
                .expectBody().jsonPath("$.status").value(s -> assertThat(s).isIn("QUEUED", "RUNNING"))
                .jsonPath("$.totalSteps").isEqualTo(4)
                .returnResult().getResponseHeaders().getLocation().toString();
        UUID job = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        List<String> events = events(job);

        assertThat(events.getLast()).startsWith("done").contains("SUCCEEDED").contains("\"errorCode\":null");
        List<String> steps = events.stream().filter(e -> e.startsWith("step")).toList();
        assertThat(steps).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(steps.get(i)).contains("\"step\":" + i);
        }
        long progressBeforeFirstStep = events.subList(0, events.indexOf(steps.getFirst())).stream()
                .filter(e -> e.startsWith("progress")).count();
        assertThat(progressBeforeFirstStep).isEqualTo(10);
        assertThat(events.stream().filter(e -> e.startsWith("progress")).count()).isEqualTo(40);

        http.get().uri(location).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("SUCCEEDED")
                .jsonPath("$.completedSteps").isEqualTo(4)
                .jsonPath("$.steps[0].problems").isEqualTo(10)
                .jsonPath("$.steps[0].baseVersion").isEqualTo(0)
                .jsonPath("$.tokens").value(t -> assertThat(((Number) t).longValue()).isPositive());
        List<Integer> versions = jdbc.queryForList(
                "select library_version from training_step where job_id = ? and library_version is not null order by step",
                Integer.class, job);
        assertThat(versions).isNotEmpty().isSorted().doesNotHaveDuplicates();
        assertThat(count("select count(*) from library_version v join library l on l.id = v.library_id "
                + "where l.name = ? and v.source = 'JOB' and v.job_id = ?", library, job)).isEqualTo(versions.size());
        // the library served version 0, so the job's last version is served now, unless (a simulated library's
        // luck) its steps deleted every experience: an empty version is never promoted
        boolean empty = count("select count(*) from experience e join library l on l.id = e.library_id "
                + "where l.name = ? and e.version = ?", library, versions.getLast()) == 0;
        http.get().uri("/api/libraries/{name}", library).exchange().expectBody()
                .jsonPath("$.currentVersion").isEqualTo(empty ? 0 : versions.getLast());
        http.get().uri(location).exchange().expectBody().jsonPath("$.promotion.promoted").isEqualTo(!empty);
        // every experience a step wrote points at the job, its step, and problems that have rollouts in that step
        List<Map<String, Object>> provenance = jdbc.queryForList("""
                select e.provenance ->> 'step' as step, e.provenance -> 'problems' ->> 0 as problem
                from experience e join library l on l.id = e.library_id
                where l.name = ? and e.version = ? and e.provenance ->> 'job' = ?""", library, versions.getLast(),
                job.toString());
        assertThat(provenance).isNotEmpty();
        for (Map<String, Object> p : provenance) {
            assertThat(count("""
                    select count(*) from rollout r join dataset_item i on i.ordinal = r.item and i.dataset_id = ?
                    where r.job_id = ? and r.step = ? and i.external_id = ?""", dataset, job,
                    Integer.parseInt((String) p.get("step")), p.get("problem"))).isEqualTo(4);
        }

        // G answers per problem per epoch, none asked twice (other tests' jobs may share the simulator)
        assertThat(count("select count(*) from rollout where job_id = ?", job)).isEqualTo(20 * 4 * 2);
        LlmSimulator.Journal journal = simulator.journal();
        assertThat(journal.purpose("rollout")).isGreaterThanOrEqualTo(20 * 4 * 2);
        assertThat(journal.repeatedRequests()).isZero();
        String chart = http.get().uri(location + "/chart.svg").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(chart).startsWith("<svg").contains("Mean reward per step").contains(">step<")
                .as("steps are numbered from 0, as the API numbers them").contains(">0<").contains(">3<")
                .doesNotContain(">4<");
        assertThat(chart.split(java.util.regex.Pattern.quote("width=\"6.0\""), -1)).hasSize(4 + 1);
        http.get().uri(location + "/rollouts?step=0&size=5").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(40)
                .jsonPath("$.content[0].response").isNotEmpty();
        // money as plain decimals: the simulator's calls cost nothing, stored as 0.00000000
        String view = http.get().uri(location).exchange().expectBody(String.class).returnResult().getResponseBody();
        assertThat(view).contains("\"costUsd\":0,").doesNotContain("E-");
        http.post().uri(location + "/cancel").exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:training-job-finished")
                .jsonPath("$.status").isEqualTo(409)
                .jsonPath("$.jobStatus").isEqualTo("SUCCEEDED");
    }

    @Test
    void rejectsBadJobsNamingTheField() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        startJob(Map.of("datasetId", dataset, "library", "Bad Name")).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.field").isEqualTo("library");
        startJob(Map.of("datasetId", dataset, "library", "ok", "groupSize", 0)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("groupSize");
        startJob(Map.of("datasetId", dataset, "library", "ok", "rolloutModel", "nope")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("rolloutModel");
        startJob(Map.of("datasetId", dataset, "library", "ok", "verifier", Map.of("type", "regex")))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("verifier.pattern");
        startJob(Map.of("datasetId", UUID.randomUUID(), "library", "ok")).expectStatus().isNotFound();
        UUID unanswered = uploadText("{\"problem\": \"What is 1+1?\"}\n{\"problem\": \"And 2+2?\"}\n");
        startJob(Map.of("datasetId", unanswered, "library", "ok", "rolloutModel", "sim", "distillModel", "sim"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("datasetId")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("2 of the dataset's 2 problems have no answer"));
    }

    @Test
    void aPlanStartsNothing() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        long jobs = count("select count(*) from training_job");
        Map<String, Object> request = Map.of("datasetId", dataset, "library", "dry", "rolloutModel", "sim",
                "distillModel", "sim");
        http.post().uri("/api/training-jobs/plan").contentType(MediaType.APPLICATION_JSON).body(request)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.steps").isEqualTo(3)
                .jsonPath("$.problemsPerStep").isEqualTo(20)
                .jsonPath("$.rolloutCalls").isEqualTo(300)
                .jsonPath("$.batchUpdateCallsAtMost").isEqualTo(3);
        // the older spelling, kept for clients written against it
        http.post().uri("/api/training-jobs?dryRun=true").contentType(MediaType.APPLICATION_JSON).body(request)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.rolloutCalls").isEqualTo(300);
        assertThat(count("select count(*) from training_job")).isEqualTo(jobs);
    }

    @Test
    void anIdempotencyKeyReturnsTheSameJob() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        Map<String, Object> body = Map.of("datasetId", dataset, "library", "idem-" + UUID.randomUUID().toString()
                .substring(0, 8), "rolloutModel", "sim", "distillModel", "sim", "epochs", 1, "groupSize", 2);
        String key = UUID.randomUUID().toString();
        String first = http.post().uri("/api/training-jobs").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange().expectStatus().isAccepted()
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        String second = http.post().uri("/api/training-jobs").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange().expectStatus().isAccepted()
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        assertThat(second).isEqualTo(first);
        http.post().uri(first + "/cancel").exchange().expectStatus().isAccepted();
    }

    @Test
    void anIdempotencyKeyWithAnotherRequestIsRefused() {
        UUID dataset = uploadText("{\"id\": \"a\", \"problem\": \"1+1?\", \"answer\": \"2\"}\n");
        String library = library("idem-other");
        String key = UUID.randomUUID().toString();
        String request = "{\"datasetId\": \"%s\", \"library\": \"%s\", \"rolloutModel\": \"slow\", "
                + "\"distillModel\": \"slow\", \"epochs\": %d, \"groupSize\": 1}";
        String first = keyed(key, request.formatted(dataset, library, 1)).expectStatus().isAccepted()
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        // the same request, spelt differently, is a retry
        String reordered = "{\"groupSize\":1,\"epochs\":1,\"distillModel\":\"slow\",\"rolloutModel\":\"slow\","
                + "\"library\":\"" + library + "\",\"datasetId\":\"" + dataset + "\"}";
        assertThat(keyed(key, reordered).expectStatus().isAccepted().returnResult(String.class).getResponseHeaders()
                .getLocation().toString()).isEqualTo(first);

        keyed(key, request.formatted(dataset, library, 2)).expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:idempotency-key-reused")
                .jsonPath("$.jobId").isEqualTo(first.substring(first.lastIndexOf('/') + 1));
        assertThat(count("select count(*) from training_job where idempotency_key = ?", key)).isEqualTo(1);
        http.post().uri(first + "/cancel").exchange().expectStatus().isAccepted();
    }

    @Test
    void aFinishedJobCannotBeCancelled() {
        UUID dataset = uploadText("{\"id\": \"a\", \"problem\": \"1+1?\", \"answer\": \"2\"}\n");
        UUID job = startedJob(Map.of("datasetId", dataset, "library", library("cancel-twice"), "rolloutModel", "slow",
                "distillModel", "slow", "epochs", 1, "groupSize", 1));
        http.post().uri("/api/training-jobs/{id}/cancel", job).exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(http.get()
                .uri("/api/training-jobs/{id}", job).exchange().returnResult(TrainingJobView.class).getResponseBody()
                .status()));

        http.post().uri("/api/training-jobs/{id}/cancel", job).exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:training-job-finished")
                .jsonPath("$.status").isEqualTo(409)
                .jsonPath("$.jobStatus").isEqualTo("CANCELLED")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("CANCELLED"));
    }

    private RestTestClient.ResponseSpec keyed(String key, String body) {
        return http.post().uri("/api/training-jobs").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    @Test
    void twoStartsWithTheSameIdempotencyKeyAtOnceMakeOneJob() throws Exception {
        UUID dataset = uploadText("{\"id\": \"a\", \"problem\": \"1+1?\", \"answer\": \"2\"}\n");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                // a new library each time, which the two starts also race to create; the slow model has its own
                // simulator (other tests count the calls of the shared one), and the job is cancelled anyway
                Map<String, Object> body = Map.of("datasetId", dataset, "library", library("idem-race"),
                        "rolloutModel", "slow", "distillModel", "slow", "epochs", 1, "groupSize", 1);
                String key = UUID.randomUUID().toString();
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<Answer>> starts = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    RestTestClient client = client(port).defaultHeader("Authorization", BEARER).build();
                    starts.add(CompletableFuture.supplyAsync(() -> {
                        awaitLatch(go);
                        var result = client.post().uri("/api/training-jobs").header("Idempotency-Key", key)
                                .contentType(MediaType.APPLICATION_JSON).body(body).exchange().returnResult(Map.class);
                        return new Answer(result.getStatus().value(), result.getResponseBody().get("id"));
                    }, pool));
                }
                go.countDown();
                List<Answer> answers = starts.stream().map(CompletableFuture::join).toList();
                assertThat(answers).as("round %d", round).allMatch(a -> a.status() == 202 && a.id() != null);
                assertThat(answers.get(0).id()).as("round %d", round).isEqualTo(answers.get(1).id());
                assertThat(count("select count(*) from training_job where idempotency_key = ?", key)).isEqualTo(1);
                http.post().uri("/api/training-jobs/{id}/cancel", answers.get(0).id()).exchange()
                        .expectStatus().isAccepted();
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aJobWithoutABudgetGetsTheDefaultOneAndShowsIt() {
        UUID dataset = uploadText("{\"id\": \"a\", \"problem\": \"1+1?\", \"answer\": \"2\"}\n");
        UUID unset = budgetedJob(dataset, null);
        UUID tokensOnly = budgetedJob(dataset, Map.of("maxTokens", 5000));
        UUID both = budgetedJob(dataset, Map.of("maxTokens", 90_000_000, "maxCostUsd", 100));

        http.get().uri("/api/training-jobs/{id}", unset).exchange().expectBody()
                .jsonPath("$.budget.maxCostUsd").isEqualTo(25)
                .jsonPath("$.budget.maxTokens").isEqualTo(20_000_000)
                .jsonPath("$.config.budget.maxTokens").isEqualTo(20_000_000);
        http.get().uri("/api/training-jobs/{id}", tokensOnly).exchange().expectBody()
                .jsonPath("$.budget.maxCostUsd").isEqualTo(25)
                .jsonPath("$.budget.maxTokens").isEqualTo(5000);
        http.get().uri("/api/training-jobs/{id}", both).exchange().expectBody()
                .jsonPath("$.budget.maxCostUsd").isEqualTo(100)
                .jsonPath("$.budget.maxTokens").isEqualTo(90_000_000);
        assertThat(trainingJobs.get(unset).budget()).isEqualTo(new StartTrainingJob.Budget(new BigDecimal("25"), 20_000_000L));
    }

    /** A job on the slow model's own simulator (other tests count the calls of the shared one), cancelled at once. */
    private UUID budgetedJob(UUID dataset, Map<String, Object> budget) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("datasetId", dataset, "library", library("budget"),
                "rolloutModel", "slow", "distillModel", "slow", "epochs", 1, "groupSize", 1));
        if (budget != null) {
            body.put("budget", budget);
        }
        UUID id = startedJob(body);
        http.post().uri("/api/training-jobs/{id}/cancel", id).exchange().expectStatus().isAccepted();
        return id;
    }

    private record Answer(int status, Object id) {
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads the job's event stream to its end: the stream itself ends when the job does. */
    private List<String> events(UUID job) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.util.stream.Stream<String>> response = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/training-jobs/" + job + "/events"))
                .header("Authorization", BEARER).timeout(Duration.ofMinutes(3)).build(),
                HttpResponse.BodyHandlers.ofLines());
        List<String> events = new ArrayList<>();
        String[] name = { null };
        response.body().forEach(line -> {
            if (line.startsWith("event:")) {
                name[0] = line.substring(6).strip();
            }
            else if (line.startsWith("data:")) {
                events.add(name[0] + " " + line.substring(5).strip());
            }
        });
        return events;
    }

}
