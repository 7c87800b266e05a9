package io.tfgrpo.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tfgrpo.shared.FieldError;

class JsonlReaderTest {

    private final List<JsonlReader.Item> items = new ArrayList<>();

    @Test
    void keepsUnknownFieldsAsMetadataAndUnusedAliasesToo() {
        JsonlReader.Result result = read("{\"prompt\": \"p\", \"question\": \"q\", \"answer\": 3.5, \"level\": 2}\r\n");

        assertThat(result.errors()).isEmpty();
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.problem()).isEqualTo("q");
            assertThat(item.answer()).isEqualTo("3.5");
            assertThat(item.metadataJson()).isEqualTo("{\"prompt\":\"p\",\"level\":2}");
        });
    }

    @Test
    void reportsTheExactLineOfInvalidUtf8AndGoesOn() {
        byte[] bytes = ("{\"problem\": \"a\"}\n".repeat(3000) + "{\"problem\": \"\u00ff\"}\n{\"problem\": 1}\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(JsonlReader.read(new ByteArrayInputStream(bytes), 20, items::add).errors()).containsExactly(
                FieldError.line(3001, null, "is not valid UTF-8"),
                FieldError.line(3002, "problem", "must be a non-blank string"));
    }

    @Test
    void rejectsTrailingContentAndDuplicateKeys() {
        JsonlReader.Result result = read("{\"problem\": \"a\"} {\"problem\": \"b\"}\n{\"problem\": \"a\", \"problem\": \"b\"}\n");

        assertThat(result.errors()).extracting(FieldError::line).containsExactly(1, 2);
        assertThat(result.errors()).allSatisfy(e -> assertThat(e.message()).startsWith("malformed JSON"));
    }

    @Test
    void describesMalformedJsonWithoutParserInternals() {
        assertThat(read("{\"problem\": \"oops\"\n").errors()).singleElement().extracting(FieldError::message)
                .isEqualTo("malformed JSON at column 19: Unexpected end-of-input: expected close marker for Object");
    }

    @Test
    void stopsHandingOnItemsOnceTheUploadIsKnownToBeInvalid() {
        JsonlReader.Result result = read("{\"problem\": \"a\"}\n{}\n{\"problem\": \"c\"}\n");

        assertThat(items).hasSize(1);
        assertThat(result.errors()).hasSize(1);
    }

    @Test
    void skipsABomAndBlankLines() {
        JsonlReader.Result result = read("\uFEFF{\"problem\": \"a\"}\n\n   \n{\"problem\": \"b\"}");

        assertThat(result.errors()).isEmpty();
        assertThat(result.items()).isEqualTo(2);
        assertThat(items).extracting(JsonlReader.Item::ordinal).containsExactly(0, 1);
    }

    private JsonlReader.Result read(String text) {
        return JsonlReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 20, items::add);
    }
}
