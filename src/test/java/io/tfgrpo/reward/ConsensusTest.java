package io.tfgrpo.reward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConsensusTest {

    static Stream<Arguments> groups() {
        return Stream.of(
                Arguments.of("a clear majority", answers("12", "12", "13", "12", "14"), "12"),
                Arguments.of("a plurality is enough", answers("1", "2", "2", "3", "4"), "2"),
                Arguments.of("a tie for the most: no label", answers("1", "1", "2", "2", "3"), null),
                Arguments.of("all different: no label", answers("1", "2", "3"), null),
                Arguments.of("nulls are no answer, not a class", answers(null, null, null, "7", "8", "7"), "7"),
                Arguments.of("blanks are no answer either", answers("", " ", "", "7"), "7"),
                Arguments.of("only no answers: no label", answers(null, null, ""), null),
                Arguments.of("no rollouts: no label", answers(), null),
                Arguments.of("0.5, 1/2 and \\frac{1}{2} are one class", answers("0.5", "1/3", "1/2", "\\frac{1}{2}",
                        "1/3"), "0.5"),
                Arguments.of("equivalence breaks what would be a tie", answers("1,000", "999", "1000", "999"), null),
                Arguments.of("the first-seen member represents the class", answers("\\frac{3}{4}", "0.75", "x"),
                        "\\frac{3}{4}"),
                Arguments.of("a single answer labels the group", answers("42"), "42"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("groups")
    void labelsAGroupByItsMajorityMathAnswer(String what, List<String> answers, String label) {
        assertThat(Consensus.majorityMath(answers)).isEqualTo(Optional.ofNullable(label));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("groups")
    void takesAnyEquivalence(String what, List<String> answers, String ignored) {
        // exact equality makes every spelling its own class
        assertThat(Consensus.majority(List.of("0.5", "1/2", "\\frac{1}{2}", "0.2", "0.2"), String::equals))
                .contains("0.2");
        assertThat(Consensus.majority(answers, (a, b) -> true))
                .isEqualTo(answers.stream().filter(a -> a != null && !a.isBlank()).findFirst());
    }

    private static List<String> answers(String... answers) {
        return Arrays.asList(answers);
    }
}
