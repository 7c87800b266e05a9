package io.tfgrpo.training;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A job's progress as Server-Sent Events. The stream reads the database, not the worker's memory, so it works
 * on any instance whichever one runs the job: a {@code progress} event per rollout group that has all its
 * answers, a {@code step} event per committed step, and {@code done} with the final status.
 */
@Component
class TrainingEvents {

    private final JobStore jobs;
    private final StepStore steps;
    private final JdbcClient jdbc;
    private final TrainingSettings settings;

    TrainingEvents(JobStore jobs, StepStore steps, JdbcClient jdbc, TrainingSettings settings) {
        this.jobs = jobs;
        this.steps = steps;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    SseEmitter stream(UUID id) {
        SseEmitter emitter = new SseEmitter(0L);
        Thread.ofVirtual().name("training-events-" + id).start(() -> follow(id, emitter));
        return emitter;
    }

    private void follow(UUID id, SseEmitter emitter) {
        Set<String> groupsSent = new HashSet<>();
        int stepsSent = 0;
        try {
            while (true) {
                JobStore.Job job = jobs.find(id).orElseThrow();
                List<Map<String, Object>> groups = finishedGroups(id, job.config().groupSize());
                List<StepStore.Step> committed = steps.steps(id);
                // a step's groups come before the step, even when a poll sees both at once
                for (; stepsSent < committed.size(); stepsSent++) {
                    sendGroups(emitter, groups, groupsSent, stepsSent);
                    emitter.send(SseEmitter.event().name("step").data(TrainingStepView.of(committed.get(stepsSent))));
                }
                sendGroups(emitter, groups, groupsSent, Integer.MAX_VALUE);
                if (job.status().finished()) {
                    emitter.send(SseEmitter.event().name("done").data(Map.of("status", job.status().name(),
                            "errorCode", String.valueOf(job.errorCode()))));
                    emitter.complete();
                    return;
                }
                Thread.sleep(settings.eventPollInterval());
            }
        }
        catch (IOException | IllegalStateException clientGone) {
            emitter.completeWithError(clientGone);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        }
    }

    private static void sendGroups(SseEmitter emitter, List<Map<String, Object>> groups, Set<String> sent, int upToStep)
            throws IOException {
        for (Map<String, Object> group : groups) {
            if ((int) group.get("step") <= upToStep && sent.add(group.get("step") + "/" + group.get("item"))) {
                emitter.send(SseEmitter.event().name("progress").data(group));
            }
        }
    }

    private List<Map<String, Object>> finishedGroups(UUID id, int groupSize) {
        return jdbc.sql("""
                select step, item, count(*) as answers, avg(coalesce(reward, 0)) as mean_reward from rollout
                where job_id = :job group by step, item having count(*) >= :g and count(reward) >= :g
                order by step, min(created_at)""")
                .param("job", id).param("g", groupSize)
                .query((rs, row) -> Map.<String, Object>of("step", rs.getInt("step"), "item", rs.getInt("item"),
                        "answers", rs.getInt("answers"), "meanReward", rs.getDouble("mean_reward")))
                .list();
    }
}
