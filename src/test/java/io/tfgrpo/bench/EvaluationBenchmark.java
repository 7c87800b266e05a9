package io.tfgrpo.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.tfgrpo.TestDatabase;
import io.tfgrpo.TrainingFreeGrpoApplication;
import io.tfgrpo.dataset.Datasets;
import io.tfgrpo.evaluation.EvaluationView;
import io.tfgrpo.evaluation.Evaluations;
import io.tfgrpo.evaluation.StartEvaluation;
import io.tfgrpo.library.CreateLibrary;
import io.tfgrpo.library.EditLibrary;
import io.tfgrpo.library.ExperienceOperation;
import io.tfgrpo.library.Libraries;
import io.tfgrpo.library.LibraryVersions;
import io.tfgrpo.simulator.LlmSimulator;

/**
 * An evaluation's wall time against its lower bound: P problems x k samples x V versions, all independent, at
 * concurrency C and latency L cannot take less than ceil(P k V / C) x L. The setting: 500 x 4 x 2 at
 * L = 100 ms, C = 32, lower bound 12.5 s.
 */
public final class EvaluationBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args, Map.of("problems", "500", "k", "4", "latency-ms", "100",
                "concurrency", "32"));
        int problems = Integer.parseInt(options.get("problems"));
        int k = Integer.parseInt(options.get("k"));
        long latency = Long.parseLong(options.get("latency-ms"));
        int concurrency = Integer.parseInt(options.get("concurrency"));
        try (LlmSimulator simulator = LlmSimulator.start(LlmSimulator.Options.defaults().withPort(0)
                .withLatencyMs(latency).withPriorBoost(0.2));
                ConfigurableApplicationContext app = SpringApplication.from(TrainingFreeGrpoApplication::main)
                        .with(TestDatabase.class).run("--spring.main.web-application-type=none",
                                "--logging.level.root=WARN", "--db-scheduler.polling-interval=100ms",
                                "--tfgrpo.models.bench.provider=openai", "--tfgrpo.models.bench.base-url=" + simulator.baseUrl(),
                                "--tfgrpo.models.bench.model=simulator", "--tfgrpo.models.bench.synthetic=true",
                                "--tfgrpo.models.bench.max-concurrency=" + concurrency,
                                "--spring.datasource.hikari.maximum-pool-size=" + (concurrency + 10))
                        .getApplicationContext()) {
            StringBuilder jsonl = new StringBuilder();
            for (int i = 0; i < problems; i++) {
                jsonl.append("{\"id\": \"p").append(i).append("\", \"problem\": \"What is ").append(i).append(" + ")
                        .append(i % 17).append("?\", \"answer\": \"").append(i + i % 17).append("\"}\n");
            }
            UUID dataset = app.getBean(Datasets.class).upload("bench",
                    new ByteArrayInputStream(jsonl.toString().getBytes(StandardCharsets.UTF_8))).id();
            app.getBean(Libraries.class).create(new CreateLibrary("bench", null));
            app.getBean(LibraryVersions.class).edit("bench", new EditLibrary(0, List.of(
                    ExperienceOperation.add("Add the ones first, then the tens.")), "bench", true, false));
            Evaluations evaluations = app.getBean(Evaluations.class);
            // a small evaluation first, to warm the JIT and the pools as a running service is warm
            run(evaluations, dataset, 1);
            EvaluationView view = run(evaluations, dataset, k);
            double seconds = Duration.between(view.startedAt(), view.finishedAt()).toMillis() / 1000.0;
            long calls = (long) problems * k * 2;
            double bound = Math.ceil(calls / (double) concurrency) * latency / 1000.0;
            System.out.printf("%d answers (%d problems x k=%d x 2 versions): %.2f s, lower bound %.2f s, ratio %.3f "
                    + "(L=%d ms, C=%d)%n", view.answers(), problems, k, seconds, bound, seconds / bound, latency, concurrency);
            view.versions().forEach(v -> System.out.printf("  version %s: Mean@%d %.3f [%.3f, %.3f], Pass@%d %.3f%n",
                    v.version(), k, v.meanAtK(), v.meanAtKLower(), v.meanAtKUpper(), k, v.passAtK().get(k)));
        }
    }

    private static EvaluationView run(Evaluations evaluations, UUID dataset, int k) throws InterruptedException {
        UUID id = evaluations.start(new StartEvaluation(dataset, "bench", null, "bench", k, null, null, null, null,
                null, null)).id();
        EvaluationView view;
        // a client looking ten times a second
        while (!(view = evaluations.get(id)).status().matches("SUCCEEDED|FAILED|CANCELLED")) {
            Thread.sleep(100);
        }
        return view;
    }
}
