package io.tfgrpo.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.tfgrpo.HttpTest;

/**
 * Garbage at every JSON endpoint and at the upload: random bytes, deep nesting, huge strings, wrong types,
 * invalid UTF-8, bodies far over the limits. Never a 5xx, never a row written by a refused request.
 */
class HostileInputTest extends HttpTest {

    private static final List<String> JSON_ENDPOINTS = List.of("/api/libraries", "/api/libraries/import",
            "/api/libraries/fuzz-target/versions", "/api/training-jobs", "/api/training-jobs/plan",
            "/api/inference", "/v1/chat/completions", "/api/evaluations");

    private final HttpClient client = HttpClient.newHttpClient();
    private final Random random = new Random(8);

    @Test
    void garbageNeverCausesAServerErrorNorAWrite() throws Exception {
        http.post().uri("/api/libraries").header("Content-Type", "application/json")
                .body("{\"name\": \"fuzz-target\"}").exchange();
        long libraries = count("select count(*) from library");
        long versions = count("select count(*) from library_version");
        long datasets = count("select count(*) from dataset");
        long jobs = count("select count(*) from training_job");

        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            byte[] bytes = new byte[random.nextInt(2000)];
            random.nextBytes(bytes);
            bodies.add(bytes);
        }
        bodies.add(("[".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"name\": \"" + "x".repeat(1_500_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        bodies.add("{\"name\": [42], \"library\": {}, \"baseVersion\": \"zero\", \"operations\": {}, \"datasetId\": [], \"messages\": 7, \"model\": []}"
                .getBytes(StandardCharsets.UTF_8));
        bodies.add(new byte[] { '{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' });
        bodies.add("null".getBytes(StandardCharsets.UTF_8));
        for (String endpoint : JSON_ENDPOINTS) {
            for (byte[] body : bodies) {
                assertThat(post(endpoint, "application/json", body)).as(endpoint).isBetween(400, 499);
            }
        }
        for (byte[] body : bodies) {
            assertThat(post("/api/datasets?name=fuzz", "application/x-ndjson", body)).isBetween(400, 499);
        }

        assertThat(count("select count(*) from library")).isEqualTo(libraries);
        assertThat(count("select count(*) from library_version")).isEqualTo(versions);
        assertThat(count("select count(*) from dataset")).isEqualTo(datasets);
        assertThat(count("select count(*) from training_job")).isEqualTo(jobs);
    }

    @Test
    void aHundredMegabyteBodyIsRefusedWithoutBeingBuffered() throws Exception {
        long heapBefore = usedHeap();
        for (String endpoint : List.of("/api/libraries", "/api/datasets?name=huge")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + endpoint))
                    .header("Content-Type", endpoint.contains("datasets") ? "application/x-ndjson" : "application/json")
                    .header("Authorization", BEARER)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Repeating(100L * 1024 * 1024,
                            endpoint.contains("datasets") ? "{\"problem\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}\n"
                                    : "x")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(endpoint + ": " + response.body()).isEqualTo(413);
            assertThat(response.body()).contains("too large");
        }
        // the bodies were counted as they streamed past, never held: the heap did not grow by anything near 100 MB
        assertThat(usedHeap() - heapBefore).isLessThan(60L * 1024 * 1024);
    }

    private int post(String path, String contentType, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType).header("Authorization", BEARER).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long usedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /**
     * A body of {@code size} bytes made as it is read (chunked: no declared length): for JSON, one string that never
     * ends ({@code {"name": "xxx...}); for JSONL, the same line again and again.
     */
    private static final class Repeating extends InputStream {

        private final byte[] prefix;
        private final byte[] chunk;
        private long left;
        private int position;
        private int prefixPosition;

        Repeating(long size, String unit) {
            this.left = size;
            this.chunk = unit.getBytes(StandardCharsets.UTF_8);
            this.prefix = unit.length() == 1 ? "{\"name\": \"".getBytes(StandardCharsets.UTF_8) : new byte[0];
        }

        @Override
        public int read() {
            if (left-- <= 0) {
                return -1;
            }
            if (prefixPosition < prefix.length) {
                return prefix[prefixPosition++];
            }
            byte b = chunk[position];
            position = (position + 1) % chunk.length;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) read();
            }
            return n;
        }
    }
}
