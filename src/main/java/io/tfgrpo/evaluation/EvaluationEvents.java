package io.tfgrpo.evaluation;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.tfgrpo.shared.ProgressStreams;

/** An evaluation's progress as Server-Sent Events, read from the database (any instance can serve it). */
@Component
class EvaluationEvents {

    private final Evaluations evaluations;
    private final ProgressStreams streams;

    EvaluationEvents(Evaluations evaluations, ProgressStreams streams) {
        this.evaluations = evaluations;
        this.streams = streams;
    }

    SseEmitter stream(UUID id) {
        long[] sent = { -1 };
        return streams.open("evaluation-events-" + id, events -> {
            EvaluationView view = evaluations.get(id);
            if (view.answers() != sent[0]) {
                sent[0] = view.answers();
                events.send("progress", Map.of("answers", view.answers(), "totalAnswers", view.totalAnswers()));
            }
            if (view.status().matches("SUCCEEDED|FAILED|CANCELLED")) {
                events.send("done", view);
                return true;
            }
            return false;
        });
    }
}
