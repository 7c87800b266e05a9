package io.tfgrpo.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import io.tfgrpo.HttpTest;

class DatasetApiTest extends HttpTest {

    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired
    DataSource dataSource;

    @Test
    void uploadsAFileAndPagesThroughIt() throws Exception {
        byte[] sample = Files.readAllBytes(Path.of("samples/gsm8k-20.jsonl"));
        String name = "gsm8k-" + UUID.randomUUID();

        String location = uploadFile(name, sample).expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/datasets/[0-9a-f-]{36}")
                .expectBody()
                .jsonPath("$.name").isEqualTo(name)
                .jsonPath("$.itemCount").isEqualTo(20)
                .jsonPath("$.answeredCount").isEqualTo(20)
                .jsonPath("$.sizeBytes").isEqualTo(sample.length)
                .jsonPath("$.sha256").isEqualTo(sha256(sample))
                .returnResult().getResponseHeaders().getLocation().toString();

        http.get().uri(location).exchange().expectStatus().isOk().expectBody().jsonPath("$.itemCount").isEqualTo(20);
        http.get().uri(location + "/items?page=1&size=3").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.content.length()").isEqualTo(3)
                .jsonPath("$.content[0].ordinal").isEqualTo(3)
                .jsonPath("$.content[0].id").isNotEmpty()
                .jsonPath("$.content[0].answer").isNotEmpty()
                .jsonPath("$.content[0].metadata.source").isEqualTo("GSM8K test")
                .jsonPath("$.content[0].metadata.solution").isNotEmpty()
                .jsonPath("$.content[0].metadata.problem").doesNotExist()
                .jsonPath("$.totalElements").isEqualTo(20)
                .jsonPath("$.totalPages").isEqualTo(7);
        http.get().uri("/api/datasets?size=500").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.content[?(@.name == '%s')]".formatted(name)).exists();
    }

    @Test
    void acceptsAnNdjsonBodyWithAliasesNumbersAndNoAnswers() {
        String jsonl = """
                {"question": "What is 2+3?", "answer": 5, "id": 1, "difficulty": "easy"}

                {"prompt": "Name a prime.", "tags": ["math"]}
                """;
        String location = uploadBody("aliases", jsonl).expectStatus().isCreated().expectBody()
                .jsonPath("$.itemCount").isEqualTo(2)
                .jsonPath("$.answeredCount").isEqualTo(1)
                .returnResult().getResponseHeaders().getLocation().toString();

        http.get().uri(location + "/items").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.content[0].problem").isEqualTo("What is 2+3?")
                .jsonPath("$.content[0].answer").isEqualTo("5")
                .jsonPath("$.content[0].id").isEqualTo("1")
                .jsonPath("$.content[0].metadata.difficulty").isEqualTo("easy")
                .jsonPath("$.content[1].problem").isEqualTo("Name a prime.")
                .jsonPath("$.content[1].answer").doesNotExist()
                .jsonPath("$.content[1].metadata.tags[0]").isEqualTo("math");
    }

    @Test
    void rejectsBadLinesNamingEachAndStoresNothing() {
        long datasets = count("select count(*) from dataset");
        String jsonl = """
                {"id": "a", "problem": "fine"}
                {"id": "b", "problem": "broken"
                {"id": "c", "answer": "1"}
                {"id": "a", "problem": "again"}
                {"id": "d", "problem": "   "}
                [1, 2]
                {"id": {"x": 1}, "problem": "object id"}
                """;
        uploadBody("bad", jsonl).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(PROBLEM)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:invalid-dataset")
                .jsonPath("$.line").isEqualTo(2)
                .jsonPath("$.errors.length()").isEqualTo(6)
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).startsWith("malformed JSON"))
                .jsonPath("$.errors[1].line").isEqualTo(3)
                .jsonPath("$.errors[1].field").isEqualTo("problem")
                .jsonPath("$.errors[2].line").isEqualTo(4)
                .jsonPath("$.errors[2].message").isEqualTo("duplicate id 'a' (first on line 1)")
                .jsonPath("$.errors[3].line").isEqualTo(5)
                .jsonPath("$.errors[4].line").isEqualTo(6)
                .jsonPath("$.errors[5].field").isEqualTo("id");
        assertThat(count("select count(*) from dataset")).isEqualTo(datasets);
    }

    @Test
    void rollsBackItemsAlreadyWrittenWhenALateLineIsBad() {
        long items = count("select count(*) from dataset_item");
        String jsonl = IntStream.range(0, 2500).mapToObj(i -> "{\"problem\": \"p" + i + "\"}")
                .collect(Collectors.joining("\n")) + "\nnot json\n";
        uploadBody("late-error", jsonl).expectStatus().isBadRequest().expectBody().jsonPath("$.line").isEqualTo(2501);
        assertThat(count("select count(*) from dataset_item")).isEqualTo(items);
        assertThat(count("select count(*) from dataset where name = 'late-error'")).isZero();
    }

    @Test
    void reportsAtMostTwentyErrors() {
        String jsonl = "x\n".repeat(50);
        uploadBody("many-errors", jsonl).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors.length()").isEqualTo(20)
                .jsonPath("$.errors[19].line").isEqualTo(20);
    }

    @Test
    void rejectsAnEmptyFileAndInvalidUtf8() {
        uploadFile("empty", new byte[0]).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("no items"));
        uploadBody("blank", "\n  \n").expectStatus().isBadRequest();

        byte[] latin1 = "{\"problem\": \"ok\"}\n{\"problem\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        uploadFile("latin1", latin1).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.line").isEqualTo(2)
                .jsonPath("$.errors[0].message").isEqualTo("is not valid UTF-8");
    }

    @Test
    void refusesUploadsOverTheLimitWith413() {
        byte[] big = ("{\"problem\": \"" + "x".repeat(1000) + "\"}\n").repeat(21_000).getBytes(StandardCharsets.UTF_8);
        long datasets = count("select count(*) from dataset");

        uploadBody("too-big", new String(big, StandardCharsets.UTF_8)).expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE).expectHeader().contentTypeCompatibleWith(PROBLEM)
                .expectBody().jsonPath("$.maxBytes").isEqualTo(20 * 1024 * 1024);
        uploadFile("too-big", big).expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentTypeCompatibleWith(PROBLEM)
                .expectBody().jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:upload-too-large")
                .jsonPath("$.maxBytes").isEqualTo(20 * 1024 * 1024);
        assertThat(count("select count(*) from dataset")).isEqualTo(datasets);
    }

    @Test
    void aSlowNdjsonUploadHoldsNoDatabaseConnectionWhileItArrives() throws Exception {
        HikariPoolMXBean pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
        byte[] body = IntStream.range(0, 200).mapToObj(i -> "{\"problem\": \"" + i + " + 1?\", \"answer\": \"" + (i + 1)
                + "\"}\n").collect(Collectors.joining()).getBytes(StandardCharsets.UTF_8);
        int half = body.length / 2;
        int baseline = pool.getActiveConnections();

        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/datasets?name=slow-upload HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + BEARER
                    + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();
            // the client stalls with half its body sent: the request is in the controller, and holds no connection
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> pool.getActiveConnections() == baseline);

            out.write(body, half, body.length - half);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 201").contains("\"itemCount\":200");
        }
    }

    @Test
    void requiresANameAndJsonl() {
        http.post().uri("/api/datasets").contentType(NDJSON).body("{\"problem\": \"p\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("name");
        uploadBody(" ", "{\"problem\": \"p\"}").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.field").isEqualTo("name");
        http.post().uri("/api/datasets?name=x").contentType(MediaType.TEXT_PLAIN).body("hello").exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentTypeCompatibleWith(PROBLEM);
        MultiValueMap<String, Object> noFile = new LinkedMultiValueMap<>();
        noFile.add("name", "no-file");
        http.post().uri("/api/datasets").contentType(MediaType.MULTIPART_FORM_DATA).body(noFile).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("file");
    }

    @Test
    void deletesADatasetAndItsItems() {
        String location = uploadBody("to-delete", "{\"problem\": \"p\"}\n").expectStatus().isCreated()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        http.delete().uri(location).exchange().expectStatus().isNoContent();
        http.get().uri(location).exchange().expectStatus().isNotFound();
        http.delete().uri(location).exchange().expectStatus().isNotFound();
        assertThat(count("select count(*) from dataset_item where dataset_id = ?", id)).isZero();
    }

    @Test
    void unknownDatasetsAre404AndBadIds400() {
        UUID unknown = UUID.randomUUID();
        http.get().uri("/api/datasets/" + unknown).exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(PROBLEM).expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:dataset-not-found")
                .jsonPath("$.datasetId").isEqualTo(unknown.toString());
        http.get().uri("/api/datasets/" + unknown + "/items").exchange().expectStatus().isNotFound();
        http.get().uri("/api/datasets/not-a-uuid").exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.field").isEqualTo("id");
        http.get().uri("/api/datasets?size=0").exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.field").isEqualTo("size");
    }

    private RestTestClient.ResponseSpec uploadFile(String name, byte[] content) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("name", name);
        form.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return "upload.jsonl";
            }
        });
        return http.post().uri("/api/datasets").contentType(MediaType.MULTIPART_FORM_DATA).body(form).exchange();
    }

    private RestTestClient.ResponseSpec uploadBody(String name, String jsonl) {
        return http.post().uri("/api/datasets?name={name}", name).contentType(NDJSON).body(jsonl).exchange();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
