package io.tfgrpo.library;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The web slice: request validation and how domain failures become problem details (access is tested end to end). */
@WebMvcTest(LibraryVersionController.class)
@AutoConfigureMockMvc(addFilters = false)
class LibraryVersionControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    LibraryVersions versions;

    @Test
    void aMissingOperationTypeIsRejectedBeforeTheServiceIsCalled() throws Exception {
        mvc.perform(post("/api/libraries/tips/versions").contentType(MediaType.APPLICATION_JSON)
                .content("{\"baseVersion\": 0, \"operations\": [{\"text\": \"x\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("operations[0].op"))
                .andExpect(jsonPath("$.type").value("urn:tfgrpo:problem:invalid-request"));
        verifyNoInteractions(versions);
    }

    @Test
    void aStaleBaseVersionIsAConflictWithTheFigures() throws Exception {
        given(versions.edit(eq("tips"), any())).willThrow(StaleBaseVersion.of("tips", 1, 2, 3));
        mvc.perform(post("/api/libraries/tips/versions").contentType(MediaType.APPLICATION_JSON)
                .content("{\"baseVersion\": 1, \"operations\": [{\"op\": \"ADD\", \"text\": \"x\"}]}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Base version was already edited"))
                .andExpect(jsonPath("$.childVersion").value(2))
                .andExpect(jsonPath("$.latestVersion").value(3))
                .andExpect(jsonPath("$.instance").value("/api/libraries/tips/versions"));
    }

    @Test
    void unexpectedFailuresAre500WithoutInternals() throws Exception {
        given(versions.get("tips", 1)).willThrow(new IllegalStateException("secret internals"));
        mvc.perform(get("/api/libraries/tips/versions/1"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret"))));
    }

    @Test
    void aNonNumericVersionIsABadRequestNamingIt() throws Exception {
        mvc.perform(get("/api/libraries/tips/versions/latest"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("version"));
    }
}
