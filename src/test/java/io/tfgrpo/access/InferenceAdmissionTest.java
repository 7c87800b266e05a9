package io.tfgrpo.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import tools.jackson.databind.json.JsonMapper;

class InferenceAdmissionTest {

    private final InferenceAdmission admission = new InferenceAdmission(2, 10, new AccessProblems(JsonMapper.builder().build()));

    @Test
    void refusesAnInferenceRequestOverTheLimitAtOnceAndAdmitsAgainWhenOneEnds() throws Exception {
        List<MockHttpServletResponse> inner = new ArrayList<>();
        // two requests in progress (the second one nested in the first one's chain), a third one arrives
        admission.doFilter(inference("/v1/chat/completions"), new MockHttpServletResponse(), (req, res) ->
                admission.doFilter(inference("/v1/chat/completions"), new MockHttpServletResponse(), (req2, res2) -> {
                    MockHttpServletResponse third = new MockHttpServletResponse();
                    admission.doFilter(inference("/v1/chat/completions"), third, (r, s) -> { });
                    inner.add(third);
                    MockHttpServletResponse native_ = new MockHttpServletResponse();
                    admission.doFilter(inference("/api/inference"), native_, (r, s) -> { });
                    inner.add(native_);
                    MockHttpServletResponse training = new MockHttpServletResponse();
                    admission.doFilter(new MockHttpServletRequest("GET", "/api/training-jobs"), training,
                            (r, s) -> ((MockHttpServletResponse) s).setStatus(200));
                    inner.add(training);
                }));

        MockHttpServletResponse refused = inner.get(0);
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentAsString()).contains("\"code\":\"overloaded\"").contains("\"type\":\"api_error\"");
        assertThat(inner.get(1).getStatus()).isEqualTo(503);
        assertThat(inner.get(1).getContentType()).startsWith("application/problem+json");
        assertThat(inner.get(1).getContentAsString()).contains("urn:tfgrpo:problem:overloaded")
                .contains("\"maxConcurrentInference\":2");
        assertThat(inner.get(2).getStatus()).as("other requests are not counted").isEqualTo(200);

        assertThat(admission.inProgress()).isZero();
        MockHttpServletResponse later = new MockHttpServletResponse();
        admission.doFilter(inference("/v1/chat/completions"), later, (r, s) -> ((MockHttpServletResponse) s).setStatus(200));
        assertThat(later.getStatus()).isEqualTo(200);
    }

    @Test
    void aStreamHoldsItsPermitUntilItEnds() throws Exception {
        MockHttpServletRequest stream = inference("/v1/chat/completions");
        stream.setAsyncSupported(true);
        admission.doFilter(stream, new MockHttpServletResponse(), (req, res) -> req.startAsync());
        assertThat(admission.inProgress()).isEqualTo(1);

        stream.getAsyncContext().complete();
        assertThat(admission.inProgress()).isZero();
    }

    /** One key cannot take every slot: its one request too many is 429, while another key is still admitted. */
    @Test
    void oneKeyHoldsAtMostItsShareOfTheSlots() throws Exception {
        InferenceAdmission shared = new InferenceAdmission(10, 2, new AccessProblems(JsonMapper.builder().build()));
        List<MockHttpServletResponse> inner = new ArrayList<>();
        try {
            as("key-a");
            shared.doFilter(inference("/api/inference"), new MockHttpServletResponse(), (req, res) ->
                    shared.doFilter(inference("/api/inference"), new MockHttpServletResponse(), (req2, res2) -> {
                        MockHttpServletResponse third = new MockHttpServletResponse();
                        shared.doFilter(inference("/api/inference"), third, (r, s) -> { });
                        inner.add(third);
                        as("key-b");
                        MockHttpServletResponse other = new MockHttpServletResponse();
                        shared.doFilter(inference("/v1/chat/completions"), other,
                                (r, s) -> ((MockHttpServletResponse) s).setStatus(200));
                        inner.add(other);
                        as("key-a");
                    }));
        }
        finally {
            SecurityContextHolder.clearContext();
        }
        assertThat(inner.get(0).getStatus()).isEqualTo(429);
        assertThat(inner.get(0).getHeader("Retry-After")).isEqualTo("1");
        assertThat(inner.get(0).getContentAsString()).contains("urn:tfgrpo:problem:too-many-concurrent-requests")
                .contains("\"maxConcurrentInferencePerKey\":2");
        assertThat(inner.get(1).getStatus()).as("another key is admitted").isEqualTo(200);
        assertThat(shared.inProgress()).isZero();

        as("key-a");
        try {
            MockHttpServletResponse later = new MockHttpServletResponse();
            shared.doFilter(inference("/api/inference"), later, (r, s) -> ((MockHttpServletResponse) s).setStatus(200));
            assertThat(later.getStatus()).as("the key's slots came back with its requests").isEqualTo(200);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static void as(String key) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(key, null, "ROLE_INFER"));
    }

    private static MockHttpServletRequest inference(String path) {
        return new MockHttpServletRequest("POST", path);
    }
}
