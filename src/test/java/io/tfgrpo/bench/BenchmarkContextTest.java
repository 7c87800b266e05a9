package io.tfgrpo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import io.tfgrpo.TestDatabase;
import io.tfgrpo.TrainingFreeGrpoApplication;
import io.tfgrpo.evaluation.Evaluations;
import io.tfgrpo.training.TrainingJobs;

/**
 * The in-process benchmarks run the service without a web server; a bean that needs one (as the API description's
 * handler lookup once did) stops them all from starting, which no other test would notice.
 */
class BenchmarkContextTest {

    @Test
    void theServiceStartsWithoutAWebServerAsTheBenchmarksRunIt() {
        try (var context = SpringApplication.from(TrainingFreeGrpoApplication::main).with(TestDatabase.class)
                .run("--spring.main.web-application-type=none", "--logging.level.root=WARN",
                        "--tfgrpo.models.bench.provider=openai", "--tfgrpo.models.bench.base-url=http://127.0.0.1:9/v1",
                        "--tfgrpo.models.bench.model=simulator")
                .getApplicationContext()) {
            assertThat(context.getBean(TrainingJobs.class)).isNotNull();
            assertThat(context.getBean(Evaluations.class)).isNotNull();
        }
    }
}
