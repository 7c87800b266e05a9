package io.tfgrpo.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tfgrpo.shared.InvalidRequest;

class ExperienceEditsTest {

    private final ExperienceEdits edits = new ExperienceEdits(new LibrarySettings(8, 60));
    private final List<ExperienceEdits.Entry> base = List.of(new ExperienceEdits.Entry("E1", "one", "{\"v\":1}"),
            new ExperienceEdits.Entry("E4", "four", "{\"v\":1}"));

    @Test
    void updatesInPlaceDeletesAndAppendsUnderFreshCodes() {
        ExperienceEdits.Result result = edits.apply(base, 5, List.of(ExperienceOperation.add("five"),
                ExperienceOperation.update("E4", "  four, better  "), ExperienceOperation.delete("E1"),
                ExperienceOperation.add("six")), "{\"v\":2}");

        assertThat(result.experiences()).containsExactly(new ExperienceEdits.Entry("E4", "four, better", "{\"v\":2}"),
                new ExperienceEdits.Entry("E5", "five", "{\"v\":2}"), new ExperienceEdits.Entry("E6", "six", "{\"v\":2}"));
        assertThat(result.nextCode()).isEqualTo(7);
    }

    @Test
    void operationsApplyInOrderSoACodeDeletedEarlierIsUnknownLater() {
        assertThatThrownBy(() -> edits.apply(base, 5,
                List.of(ExperienceOperation.delete("E1"), ExperienceOperation.update("E1", "again")), "{}"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage("operations[1].code: unknown experience code 'E1' in this version");
    }

    @Test
    void enforcesTheWordAndCharacterLimits() {
        assertThatThrownBy(() -> edits.apply(base, 5, List.of(ExperienceOperation.add("a b c d e f g h i")), "{}"))
                .hasMessageContaining("has 9 words; an experience holds at most 8");
        assertThatThrownBy(() -> edits.apply(base, 5, List.of(ExperienceOperation.add("x".repeat(61))), "{}"))
                .hasMessageContaining("has 61 characters; at most 60");
        assertThat(edits.apply(base, 5, List.of(ExperienceOperation.add("a b c d e f g h")), "{}").experiences())
                .hasSize(3);
    }

    @Test
    void anAddMayNotChooseItsCode() {
        assertThatThrownBy(() -> edits.apply(base, 5,
                List.of(new ExperienceOperation(ExperienceOperation.Op.ADD, "E9", "text")), "{}"))
                .hasMessageContaining("operations[0].code: must be absent");
    }
}
