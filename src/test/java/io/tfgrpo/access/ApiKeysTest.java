package io.tfgrpo.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

/** What an unauthenticated request may cost: no database lookup for what cannot be a key, one for a repeated miss. */
class ApiKeysTest {

    private static final String WELL_FORMED = "tfg_" + "A".repeat(43);

    private final AtomicInteger lookups = new AtomicInteger();
    private volatile RuntimeException failure;

    private final ApiKeyStore store = new ApiKeyStore(null) {
        @Override
        Optional<ApiKeyView> findActiveByHash(String hash) {
            lookups.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return hash.equals(ApiKeys.hash(WELL_FORMED.replace('A', 'B')))
                    ? Optional.of(new ApiKeyView(UUID.randomUUID(), "real", "tfg_BBBB", List.of(Scope.INFER), null,
                            List.of("gsm8k"), List.of(), Instant.now(), null))
                    : Optional.empty();
        }
    };

    private final ApiKeys keys = new ApiKeys(store, new AccessSettings(null, 0, Duration.ofMinutes(1), 10, 10));

    @Test
    void aValueThatCannotBeAKeyIsRefusedWithoutALookup() {
        for (String junk : List.of("x", "tfg_short", "tfg_" + "A".repeat(44), "tfg_" + "!".repeat(43),
                "A".repeat(47), "x".repeat(10_000))) {
            assertThat(keys.authenticate(junk)).isEmpty();
        }
        assertThat(lookups).hasValue(0);
    }

    @Test
    void anUnknownKeyIsLookedUpOnceWhileItsMissIsRemembered() {
        for (int i = 0; i < 100; i++) {
            assertThat(keys.authenticate(WELL_FORMED)).isEmpty();
        }
        assertThat(lookups).hasValue(1);
        assertThat(keys.rememberedMisses()).isEqualTo(1);
    }

    @Test
    void rememberedMissesAreBounded() {
        for (int i = 0; i < ApiKeys.MAX_REMEMBERED_MISSES + 500; i++) {
            keys.authenticate("tfg_" + String.format("%043d", i));
        }
        assertThat(keys.rememberedMisses()).isEqualTo(ApiKeys.MAX_REMEMBERED_MISSES);
    }

    @Test
    void aKnownKeyCarriesItsGrants() {
        Caller caller = keys.authenticate(WELL_FORMED.replace('A', 'B')).orElseThrow();
        assertThat(caller.grants().libraries()).containsExactly("gsm8k");
        assertThat(caller.grants().allowsModel("any")).isTrue();
        assertThat(new ApiKeyAuthentication(caller).getDetails()).isEqualTo(caller.grants());
    }

    @Test
    void aKeyThatCannotBeCheckedBecauseTheDatabaseIsDownGets503() throws Exception {
        failure = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection");
        BearerKeyFilter filter = new BearerKeyFilter(keys, new AccessProblems(JsonMapper.builder().build()));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/libraries");
        request.addHeader("Authorization", "Bearer " + WELL_FORMED);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(200));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString()).contains("urn:tfgrpo:problem:database-unavailable")
                .doesNotContain("JDBC");
    }
}
