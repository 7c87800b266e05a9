package io.tfgrpo.access;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.OpenAiError;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the 401, 403, 429 and 503 of the security filters, which run before Spring MVC: problem+json, or OpenAI's
 * error shape on {@code /v1} since that is what OpenAI's clients parse.
 */
@Component
class AccessProblems {

    private final JsonMapper json;

    AccessProblems(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
            String title, String detail, Map<String, Object> properties) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (OpenAiError.applies(request)) {
            body.putAll(OpenAiError.body(status, type, detail, null));
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        }
        else {
            body.put("type", ApiProblem.ProblemTypes.uri(type).toString());
            body.put("title", title);
            body.put("status", status.value());
            body.put("detail", detail);
            body.put("instance", request.getRequestURI());
            body.putAll(properties);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }
        response.setStatus(status.value());
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
