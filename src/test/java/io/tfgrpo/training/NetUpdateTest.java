package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.tfgrpo.library.ExperienceOperation;

class NetUpdateTest {

    @ParameterizedTest
    @ValueSource(strings = { "E3", "[E3]", "e3", "E3:", " E3 ", "(E3)", "**E3**", "E03", "E3." })
    void codesAreReadForgivingly(String written) {
        assertThat(NetUpdate.code(written)).isEqualTo("E3");
    }

    @Test
    void whatIsNotACodeStaysAsWritten() {
        assertThat(NetUpdate.code(" E3x ")).isEqualTo("E3x");
        assertThat(NetUpdate.code("experience 3")).isEqualTo("experience 3");
        assertThat(NetUpdate.code("  ")).isNull();
    }

    @Test
    void additionsBeforeTheDeleteThatMakesRoomAreKept() {
        NetUpdate.Plan plan = NetUpdate.plan(proposals(op("ADD", "", "a"), op("ADD", "", "b"), op("DELETE", "E1", "")),
                List.of("E1", "E2"), 1, 3);

        assertThat(plan.rejected()).isEmpty();
        assertThat(plan.operations()).containsExactly(ExperienceOperation.delete("E1"), ExperienceOperation.add("a"),
                ExperienceOperation.add("b"));
    }

    @Test
    void aDeleteOfAnUnknownCodeFreesNoSlot() {
        NetUpdate.Plan plan = NetUpdate.plan(proposals(op("DELETE", "E9", ""), op("ADD", "", "a")),
                List.of("E1", "E2", "E3"), 1, 3);

        assertThat(plan.operations()).isEmpty();
        assertThat(plan.rejected()).extracting(NetUpdate.Rejected::reason).containsExactly(
                "unknown experience code 'E9' in version 1",
                "the library would hold 4 experiences, more than the job's maxExperiences (3)");
    }

    @Test
    void onlyTheAdditionsPastTheCapAreRejected() {
        NetUpdate.Plan plan = NetUpdate.plan(proposals(op("ADD", "", "a"), op("ADD", "", "b"), op("ADD", "", "c")),
                List.of("E1"), 1, 3);

        assertThat(plan.operations()).containsExactly(ExperienceOperation.add("a"), ExperienceOperation.add("b"));
        assertThat(plan.rejected()).extracting(r -> r.source().operation().text()).containsExactly("c");
    }

    @Test
    void aDeleteWinsOverAnUpdateOfTheSameExperience() {
        NetUpdate.Plan plan = NetUpdate.plan(proposals(op("UPDATE", "[E1]", "new"), op("DELETE", "e1", ""),
                op("UPDATE", "E2", "two"), op("UPDATE", "E2:", "again"), op("NONE", "", "")), List.of("E1", "E2"), 4,
                null);

        assertThat(plan.operations()).containsExactly(ExperienceOperation.delete("E1"),
                ExperienceOperation.update("E2", "two"));
        assertThat(plan.rejected()).extracting(NetUpdate.Rejected::reason).containsExactly(
                "E1 is deleted by the same update", "E2 is updated twice; the first UPDATE is kept");
    }

    @Test
    void aLongTextIsCutAtItsLastSentenceEndWithinTheLimitElseAtTheLimit() {
        assertThat(LongTexts.cut("When in doubt, check. Then check again and again and again.", 6, "why").text())
                .isEqualTo("When in doubt, check.");
        assertThat(LongTexts.cut("When in doubt check the units of every single quantity", 6, "why"))
                .isEqualTo(new LongTexts.Fitted("When in doubt check the units", "why; cut at 6 words"));
    }

    private static List<NetUpdate.Proposed> proposals(Distillation.Operation... operations) {
        return Arrays.stream(operations).map(op -> new NetUpdate.Proposed(op, null)).toList();
    }

    private static Distillation.Operation op(String op, String code, String text) {
        return new Distillation.Operation(Distillation.Operation.Op.valueOf(op), code, text, "reason");
    }
}
