package io.tfgrpo.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import io.tfgrpo.simulator.LlmSimulator.Journal.Message;
import io.tfgrpo.simulator.LlmSimulator.Options;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What a request is for, and the synthetic content the simulator answers it with. */
final class Replies {

    private final AnswerKey answers;
    private final Options options;

    Replies(AnswerKey answers, Options options) {
        this.answers = answers;
        this.options = options;
    }

    /**
     * The schema's name for structured output, {@code json} for JSON mode, {@code rollout} when the last user
     * message holds a known problem or any system or user message asks for a {@code \boxed{}} answer, else
     * {@code chat}.
     */
    String purpose(ChatRequest request) {
        if (request.responseFormat() != null) {
            return request.wantsJsonSchema() ? request.responseFormatLabel() : "json";
        }
        return isRollout(request) ? "rollout" : "chat";
    }

    /** One content per requested choice; choice 0 is the same whatever {@code n} is. */
    List<String> contents(ChatRequest request, RequestKey key) {
        boolean rollout = request.responseFormat() == null && isRollout(request);
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            contents.add(content(request, rollout, key.random(i)));
        }
        return contents;
    }

    private String content(ChatRequest request, boolean rollout, SplittableRandom random) {
        if (request.wantsJsonSchema()) {
            JsonNode schema = request.responseFormat().path("json_schema").get("schema");
            List<String> codes = Experiences.codes(request.messages());
            return schema == null || !schema.isObject() ? jsonObject(random).toString()
                    : SchemaInstances.instance(schema, random, codes).toString();
        }
        if (request.wantsJsonObject()) {
            return jsonObject(random).toString();
        }
        return rollout ? rollout(request, random) : Prose.chat(random);
    }

    /**
     * Right with probability accuracy (plus the prior boost when the prompt carries experiences). A problem the
     * answers file does not know gets a stand-in right answer derived from its text, so that samples of one
     * problem still agree or disagree the way a model's do (majority votes stay meaningful).
     */
    private String rollout(ChatRequest request, SplittableRandom random) {
        boolean carries = Experiences.carried(request.messages());
        double chance = Math.min(1, options.accuracy() + (carries ? options.priorBoost() : 0));
        boolean right = random.nextDouble() < chance;
        String message = request.lastUserMessage();
        Optional<AnswerKey.Entry> known = answers.find(message);
        String problem = known.map(AnswerKey.Entry::problem).orElseGet(() -> Experiences.without(message));
        String reference = known.map(AnswerKey.Entry::answer)
                .orElseGet(() -> Integer.toString(Math.floorMod(AnswerKey.normalise(problem).hashCode(), 1000)));
        String answer = right ? reference : WrongAnswers.near(reference, random);
        List<String> codes = carries ? Experiences.codes(request.messages()) : List.of();
        return Rollouts.write(problem, answer, codes, random);
    }

    private boolean isRollout(ChatRequest request) {
        return answers.find(request.lastUserMessage()).isPresent() || request.messages().stream()
                .filter(m -> m.role().equals("system") || m.role().equals("user") || m.role().equals("developer"))
                .map(Message::content).anyMatch(content -> content.contains("\\boxed"));
    }

    private static ObjectNode jsonObject(SplittableRandom random) {
        return Json.NODES.objectNode().put("answer", Prose.chat(random));
    }
}
