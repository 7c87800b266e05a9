package io.tfgrpo.evaluation;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** An evaluation's progress as Server-Sent Events, read from the database (any instance can serve it). */
@Component
class EvaluationEvents {

    private final Evaluations evaluations;

    EvaluationEvents(Evaluations evaluations) {
        this.evaluations = evaluations;
    }

    SseEmitter stream(UUID id) {
        SseEmitter emitter = new SseEmitter(0L);
        Thread.ofVirtual().name("evaluation-events-" + id).start(() -> follow(id, emitter));
        return emitter;
    }

    private void follow(UUID id, SseEmitter emitter) {
        long sent = -1;
        try {
            while (true) {
                EvaluationView view = evaluations.get(id);
                if (view.answers() != sent) {
                    sent = view.answers();
                    emitter.send(SseEmitter.event().name("progress")
                            .data(Map.of("answers", view.answers(), "totalAnswers", view.totalAnswers())));
                }
                if (view.status().matches("SUCCEEDED|FAILED|CANCELLED")) {
                    emitter.send(SseEmitter.event().name("done").data(view));
                    emitter.complete();
                    return;
                }
                Thread.sleep(300);
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
}
