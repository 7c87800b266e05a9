package io.tfgrpo.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.tfgrpo.llm.ModelCallFailed;
import io.tfgrpo.llm.Purpose;
import io.tfgrpo.llm.StructuredOutputFailed;

/**
 * Texts of the batch's net operations over the word limit are not dropped: each is sent back once to the
 * distillation model to be shortened, and one still too long (or whose call failed) is cut at its last sentence
 * end within the limit, else at the limit. Each result is stored as it arrives, so a resumed step does not pay
 * for it twice.
 */
@Component
class LongTexts {

    static final int SHORTEN_CALL = 400_000;

    /** A text within the limit, and how it was made so. */
    record Fitted(String text, String note) {
    }

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)");

    private final StepRunner runner;
    private final StepStore store;

    LongTexts(StepRunner runner, StepStore store) {
        this.runner = runner;
        this.store = store;
    }

    /** The operations, each text within {@code ctx.maxWords()} words. */
    List<NetUpdate.Proposed> fit(StepRunner.Context ctx, int step, List<Distillation.Operation> net) {
        Map<Integer, Fitted> stored = store.fittedTexts(ctx.job().id(), step);
        List<NetUpdate.Proposed> proposals = new ArrayList<>();
        for (int i = 0; i < net.size(); i++) {
            Distillation.Operation op = net.get(i);
            if (op.op() == Distillation.Operation.Op.DELETE || op.op() == Distillation.Operation.Op.NONE
                    || op.text() == null || words(op.text()) <= ctx.maxWords()) {
                proposals.add(new NetUpdate.Proposed(op, null));
                continue;
            }
            Fitted fitted = stored.get(i);
            if (fitted == null) {
                fitted = shorten(ctx, step, i, op.text().strip());
                store.saveFittedText(ctx.job().id(), step, i, fitted);
            }
            proposals.add(new NetUpdate.Proposed(new Distillation.Operation(op.op(), op.code(), fitted.text(),
                    op.reason()), fitted.note()));
        }
        return proposals;
    }

    private Fitted shorten(StepRunner.Context ctx, int step, int position, String text) {
        JobConfig c = ctx.job().config();
        int limit = ctx.maxWords();
        String shortened;
        try {
            shortened = runner.distill(ctx, c, Purpose.UPDATE, ctx.prompts().shorten(text, words(text), limit),
                    Distillation.ShortenedExperience.class,
                    StepRunner.callSeed(c, step, -1, SHORTEN_CALL + position)).text().strip();
        }
        catch (StructuredOutputFailed | ModelCallFailed e) {
            return cut(text, limit, "the call to shorten it failed (" + e.getMessage() + ")");
        }
        String from = "shortened by the model from " + words(text) + " to " + words(shortened) + " words";
        return words(shortened) <= limit ? new Fitted(shortened, from)
                : cut(shortened, limit, from + ", still too long");
    }

    /** The text cut after its last sentence that ends within {@code limit} words, else after word {@code limit}. */
    static Fitted cut(String text, int limit, String why) {
        String[] words = text.strip().split("\\s+");
        String head = String.join(" ", Arrays.copyOf(words, Math.min(limit, words.length)));
        int end = -1;
        Matcher sentence = SENTENCE_END.matcher(head);
        while (sentence.find()) {
            end = sentence.end();
        }
        return end > 0 ? new Fitted(head.substring(0, end), why + "; cut at the last sentence end within " + limit
                + " words") : new Fitted(head, why + "; cut at " + limit + " words");
    }

    static int words(String text) {
        return text.strip().split("\\s+").length;
    }
}
