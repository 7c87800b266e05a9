package io.tfgrpo.bench;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.sun.management.OperatingSystemMXBean;

import io.tfgrpo.TestDatabase;
import io.tfgrpo.TrainingFreeGrpoApplication;
import io.tfgrpo.dataset.Datasets;
import io.tfgrpo.simulator.LlmSimulator;
import io.tfgrpo.training.StartTrainingJob;
import io.tfgrpo.training.TrainingJobs;
import io.tfgrpo.training.TrainingJobView;

/**
 * A training job's wall time against its critical-path lower bound: with the simulator at a fixed latency L and
 * the profile's concurrency C, no job can beat the sum over its phases of ceil(calls / C) x L. Runs 100
 * problems, G = 5, one epoch, one batch of 100 (the setting) and reports the ratio, heap and CPU.
 */
public final class TrainingBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args, Map.of("latency-ms", "200", "concurrency", "32",
                "dataset", "samples/gsm8k-100.jsonl", "group-size", "5"));
        long latency = Long.parseLong(options.get("latency-ms"));
        int concurrency = Integer.parseInt(options.get("concurrency"));
        Path dataset = Path.of(options.get("dataset"));
        try (LlmSimulator simulator = LlmSimulator.start(LlmSimulator.Options.defaults().withPort(0)
                .withLatencyMs(latency).withAnswers(dataset).withAccuracy(0.5));
                ConfigurableApplicationContext app = start(simulator, concurrency)) {
            UUID datasetId;
            try (InputStream in = Files.newInputStream(dataset)) {
                datasetId = app.getBean(Datasets.class).upload("benchmark", in).id();
            }
            TrainingJobs jobs = app.getBean(TrainingJobs.class);
            int groupSize = Integer.parseInt(options.get("group-size"));
            // one job to warm the JIT and the connection pools, as a running service is warm
            runJob(jobs, datasetId, groupSize, 2L);
            var cpu = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = cpu.getProcessCpuTime();
            long started = System.nanoTime();
            long[] peakHeap = { 0 };
            UUID id = runJob(jobs, datasetId, groupSize, 1L, peakHeap);
            TrainingJobView job = jobs.get(id);
            double wall = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = (cpu.getProcessCpuTime() - cpuBefore) / 1e9;
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long bound = 0;
            StringBuilder phases = new StringBuilder();
            for (String purpose : new String[] { "ROLLOUT", "SUMMARY", "ADVANTAGE", "UPDATE" }) {
                Long calls = jdbc.queryForObject("select count(*) from llm_call where owner = ? and purpose = ?",
                        Long.class, id.toString(), purpose);
                long groupUpdates = purpose.equals("UPDATE") ? calls - 1 : calls; // the batch update is a phase of its own
                long rounds = (groupUpdates + concurrency - 1) / concurrency + (purpose.equals("UPDATE") ? 1 : 0);
                bound += rounds * latency;
                phases.append(purpose.toLowerCase()).append(' ').append(calls).append(" calls, ");
            }
            System.out.printf("job %s: %s, %d steps%n", id, job.status(), job.completedSteps());
            jdbc.query("""
                    select purpose, count(*) as calls,
                           extract(epoch from min(c.created_at) - j.started_at) as first_end,
                           extract(epoch from max(c.created_at) - j.started_at) as last_end
                    from llm_call c join training_job j on j.id::text = c.owner where c.owner = ?
                    group by purpose, j.started_at order by min(c.created_at)""", rs -> {
                System.out.printf("  %-9s %4d calls, answers from %.2f s to %.2f s after the job started%n",
                        rs.getString("purpose").toLowerCase(), rs.getLong("calls"), rs.getDouble("first_end"),
                        rs.getDouble("last_end"));
            }, id.toString());
            System.out.printf("  queued to started %.2f s; started to finished %.2f s%n",
                    Duration.between(job.createdAt(), job.startedAt()).toMillis() / 1000.0,
                    Duration.between(job.startedAt(), job.finishedAt()).toMillis() / 1000.0);
            System.out.printf("calls: %s%n", phases);
            double run = Duration.between(job.startedAt(), job.finishedAt()).toMillis() / 1000.0;
            System.out.printf("job run %.2f s (submit to done %.2f s), lower bound %.2f s, ratio %.3f (submit to done: %.3f) "
                    + "(L=%d ms, C=%d)%n", run, wall, bound / 1000.0, run / (bound / 1000.0), wall / (bound / 1000.0),
                    latency, concurrency);
            System.out.printf("service CPU %.1f s (%.0f%% of one core), peak heap used %d MB, max heap %d MB%n",
                    cpuSeconds, 100 * cpuSeconds / wall, peakHeap[0] >> 20,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() >> 20);
        }
    }

    private static UUID runJob(TrainingJobs jobs, UUID dataset, int groupSize, long seed, long[]... peakHeap)
            throws InterruptedException {
        UUID id = jobs.start(new StartTrainingJob(dataset, "bench-" + UUID.randomUUID().toString().substring(0, 8),
                "bench", "bench", groupSize, 1, null, null, null, null, null, null, null, null, null, seed, null), null).id();
        while (!jobs.get(id).status().matches("SUCCEEDED|FAILED|CANCELLED")) {
            for (long[] peak : peakHeap) {
                peak[0] = Math.max(peak[0], ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
            Thread.sleep(50);
        }
        return id;
    }

    private static ConfigurableApplicationContext start(LlmSimulator simulator, int concurrency) {
        return SpringApplication.from(TrainingFreeGrpoApplication::main).with(TestDatabase.class).run(
                "--spring.main.web-application-type=none", "--logging.level.root=WARN",
                "--db-scheduler.polling-interval=100ms", "--tfgrpo.models.bench.provider=openai",
                "--tfgrpo.models.bench.base-url=" + simulator.baseUrl(), "--tfgrpo.models.bench.model=simulator",
                "--tfgrpo.models.bench.synthetic=true", "--tfgrpo.models.bench.max-concurrency=" + concurrency,
                "--spring.datasource.hikari.maximum-pool-size=" + (concurrency + 10))
                .getApplicationContext();
    }

}
