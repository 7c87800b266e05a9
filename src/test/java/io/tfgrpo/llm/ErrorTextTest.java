package io.tfgrpo.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an error's text keeps, and what it hides, before the ledger, {@code /api/models} or a problem shows it. */
class ErrorTextTest {

    @Test
    void aUrlKeepsItsHostAndPathButNotItsCredentialsOrQuery() {
        assertThat(ErrorText.safe("I/O error or timeout: Connect to https://bob:hunter2@models.example.com:8443/v1"
                + "/chat/completions?api-key=abc123&x=1 failed", null))
                .isEqualTo("I/O error or timeout: Connect to https://models.example.com:8443/v1/chat/completions?(hidden)"
                        + " failed");
    }

    @Test
    void tokensAndKeysAreHiddenWhateverTheirShape() {
        String safe = ErrorText.safe("HTTP 401 (Authorization: Bearer abc.def-ghi; api_key=plain-secret "
                + "\"password\": \"pw1\" sk-proj-0123456789abcdef tfg_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg "
                + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl the-profile-key)", "the-profile-key");

        assertThat(safe).doesNotContain("abc.def-ghi", "plain-secret", "pw1", "0123456789abcdef", "ABCDEFGHIJ",
                "eyJzdWIiOiIxIn0", "the-profile-key").startsWith("HTTP 401 (").contains("(hidden)");
    }

    @Test
    void theTextIsOneLineOfAtMostFiveHundredCharacters() {
        String safe = ErrorText.safe("first line\nsecond\r\n\tthird\u0000" + "x".repeat(100_000), null);

        assertThat(safe).startsWith("first line second third x").hasSize(ErrorText.MAX_LENGTH).endsWith("...");
        assertThat(ErrorText.safe(null, "key")).isNull();
        assertThat(ErrorText.safe("HTTP 429 (rate_limit)", null)).isEqualTo("HTTP 429 (rate_limit)");
    }
}
