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

import io.tfgrpo.shared.ProgressStreams;

/**
 * A job's progress as Server-Sent Events. The stream reads the database, not the worker's memory, so it works
 * on any instance whichever one runs the job: a {@code progress} event per rollout group that has all its
 * answers (its usable rollouts scored: {@code answers} counts them, and {@code meanReward} is theirs), a
 * {@code step} event per committed step, and {@code done} with the final status.
 */
@Component
class TrainingEvents {

    /** The last event: the job's final status and, if it did not succeed, why ({@code null} when it did). */
    record Done(String status, String errorCode) {
    }

    private final JobStore jobs;
    private final StepStore steps;
    private final JdbcClient jdbc;
    private final ProgressStreams streams;

    TrainingEvents(JobStore jobs, StepStore steps, JdbcClient jdbc, ProgressStreams streams) {
        this.jobs = jobs;
        this.steps = steps;
        this.jdbc = jdbc;
        this.streams = streams;
    }

    SseEmitter stream(UUID id) {
        return streams.open("training-events-" + id, new Follower(id));
    }

    /** One stream's view of a job: what it has sent so far. */
    private final class Follower implements ProgressStreams.Progress {

        private final UUID id;
        private final Set<String> groupsSent = new HashSet<>();
        private int stepsSent;

        Follower(UUID id) {
            this.id = id;
        }

        @Override
        public boolean poll(ProgressStreams.Events events) throws IOException {
            JobStore.Job job = jobs.find(id).orElseThrow(() -> TrainingJobNotFound.withId(id));
            List<Map<String, Object>> groups = finishedGroups(id, job.config().groupSize());
            List<StepStore.Step> committed = steps.steps(id);
            // a step's groups come before the step, even when a poll sees both at once
            for (; stepsSent < committed.size(); stepsSent++) {
                sendGroups(events, groups, stepsSent);
                events.send("step", TrainingStepView.of(committed.get(stepsSent)));
            }
            sendGroups(events, groups, Integer.MAX_VALUE);
            if (job.status().finished()) {
                events.send("done", new Done(job.status().name(), job.errorCode()));
                return true;
            }
            return false;
        }

        private void sendGroups(ProgressStreams.Events events, List<Map<String, Object>> groups, int upToStep)
                throws IOException {
            for (Map<String, Object> group : groups) {
                if ((int) group.get("step") <= upToStep && groupsSent.add(group.get("step") + "/" + group.get("item"))) {
                    events.send("progress", group);
                }
            }
        }
    }

    private List<Map<String, Object>> finishedGroups(UUID id, int groupSize) {
        return jdbc.sql("""
                select step, item, count(reward) as answers, coalesce(avg(reward), 0) as mean_reward from rollout
                where job_id = :job group by step, item
                having count(*) >= :g and count(reward) = count(*) filter (where not failed and not truncated)
                order by step, min(created_at)""")
                .param("job", id).param("g", groupSize)
                .query((rs, row) -> Map.<String, Object>of("step", rs.getInt("step"), "item", rs.getInt("item"),
                        "answers", rs.getInt("answers"), "meanReward", rs.getDouble("mean_reward")))
                .list();
    }
}
