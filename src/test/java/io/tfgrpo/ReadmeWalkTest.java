package io.tfgrpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's walk as written: the bash blocks of its section {@value #SECTION}, in order, in one
 * {@code bash -euo pipefail} (variables carry from block to block) from the repository's root, against the
 * sandbox on a free port instead of 8080. Every request must succeed, and what the walk prints must show that each
 * step did what the README says. The sandbox runs in a JVM of its own, with its own database: a context in this JVM
 * would share the database, and so the job engine, with the training tests' contexts. Needs bash, curl and jq.
 */
class ReadmeWalkTest {

    private static final String SECTION = "## A five-step walk";
    private static final String README_ADDRESS = "localhost:8080";
    private static final Duration WALK_TIMEOUT = Duration.ofMinutes(5);
    private static final List<String> JVM = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto");
    /** An HTTP error stops the walk (curl exits 22, saying so) instead of feeding a problem to the next command. */
    private static final String PRELUDE = "curl() { command curl --fail-with-body --show-error \"$@\"; }\n";
    private static final Pattern BASH_BLOCK = Pattern.compile("^```bash\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern DONE_EVENT = Pattern.compile("^event: ?done\\ndata: ?(.+)$", Pattern.MULTILINE);

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theWalkWorksAsWrittenInOrder() throws Exception {
        requireOnPath("curl", "jq");
        List<String> blocks = bashBlocks(Files.readString(Path.of("README.md")));
        try (ServiceProcess sandbox = ServiceProcess.sandbox("readme-walk", JVM, List.of())
                .awaitHealthy(Duration.ofMinutes(3))) {
            String output = walk(blocks, sandbox.port());
            try {
                checkEachStep(output);
            }
            catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- what the walk printed ---\n" + output, e);
            }
        }
    }

    private void checkEachStep(String output) throws IOException {
        List<JsonNode> printed = printedObjects(output);

        JsonNode dataset = printed(printed, "itemCount");
        long sampleLines = Files.readAllLines(Path.of("samples/gsm8k-20.jsonl")).stream().filter(l -> !l.isBlank()).count();
        assertThat(dataset.path("itemCount").asLong()).as("1. the dataset's itemCount").isEqualTo(sampleLines);

        Matcher done = DONE_EVENT.matcher(output);
        assertThat(done.find()).as("2. the job's event stream ends with a done event").isTrue();
        assertThat(json.readTree(done.group(1)).path("status").asString()).as("2. the done event's status").isEqualTo("SUCCEEDED");
        JsonNode job = printed(printed, "completedSteps");
        assertThat(job.path("status").asString()).as("2. the job's status").isEqualTo("SUCCEEDED");
        assertThat(job.path("versions")).as("2. the versions the job committed").isNotEmpty();

        JsonNode diff = printed(printed, "updated");
        assertThat(diff.path("updated")).as("3. the diff's updated experiences").isNotEmpty();
        JsonNode update = diff.path("updated").get(0);
        assertThat(update.path("after").asString()).as("3. the updated text").isNotBlank()
                .isNotEqualTo(update.path("before").asString());
        JsonNode library = printed(printed, "currentVersion");
        int current = library.path("currentVersion").asInt();
        assertThat(current).as("3. the promoted version is the edited one, and the latest")
                .isEqualTo(diff.path("to").asInt()).isEqualTo(library.path("latestVersion").asInt());

        JsonNode inference = printed(printed, "answer");
        assertThat(inference.path("answer").asString()).as("4. the native endpoint's answer").isNotBlank();
        assertThat(inference.path("libraryVersion").asInt()).as("4. the version that served it").isEqualTo(current);
        assertThat(printed(printed, "content").path("content").asString()).as("4. the /v1 answer").isNotBlank();

        JsonNode evaluation = printed(printed, "comparisons");
        assertThat(evaluation.path("status").asString()).as("5. the evaluation's status").isEqualTo("SUCCEEDED");
        List<String> versions = new ArrayList<>();
        for (JsonNode version : evaluation.path("versions")) {
            versions.add(version.path("version").asString());
            assertThat(version.path("meanAtK").isNumber()).as("5. a Mean@k of version %s", version.path("version")).isTrue();
            assertThat(version.path("meanAtK").asDouble()).as("5. Mean@k").isBetween(0.0, 1.0);
        }
        assertThat(versions).as("5. the evaluated versions").containsExactly("none", String.valueOf(current));
        assertThat(evaluation.path("comparisons")).as("5. the comparison with the baseline").isNotEmpty();
    }

    /** Runs the blocks as one script, each announced by a line naming it; returns what it printed. */
    private static String walk(List<String> blocks, int port) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder(PRELUDE);
        for (int i = 0; i < blocks.size(); i++) {
            script.append("echo '>>> README walk, block ").append(i + 1).append("'\n")
                    .append(blocks.get(i).replace(README_ADDRESS, "localhost:" + port));
        }
        assertThat(script).as("the walk addresses only the sandbox under test").doesNotContain(":8080");
        Path file = Path.of("target", "readme-walk.sh");
        Path log = Path.of("target", "readme-walk.log");
        Files.writeString(file, script);
        Process bash = new ProcessBuilder("bash", "-euo", "pipefail", file.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended = bash.waitFor(WALK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            bash.descendants().forEach(ProcessHandle::destroyForcibly);
            bash.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        assertThat(ended).as("the walk ended within %s; it printed:%n%s", WALK_TIMEOUT, output).isTrue();
        assertThat(bash.exitValue()).as("the walk's exit status (script %s, sandbox log target/service-readme-walk.log);"
                + " it printed:%n%s", file, output).isZero();
        return output;
    }

    private static List<String> bashBlocks(String readme) {
        int start = readme.indexOf("\n" + SECTION + "\n");
        assertThat(start).as("README.md has a section '%s'", SECTION).isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        assertThat(section).as("the walk talks to the sandbox's default address").contains(README_ADDRESS);
        List<String> blocks = new ArrayList<>();
        Matcher block = BASH_BLOCK.matcher(section);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        assertThat(blocks).as("bash blocks of '%s'", SECTION).hasSizeGreaterThanOrEqualTo(5);
        return blocks;
    }

    /** The JSON objects jq printed: each from a line "{" to a line "}". */
    private List<JsonNode> printedObjects(String output) {
        List<JsonNode> objects = new ArrayList<>();
        StringBuilder object = null;
        for (String line : output.lines().toList()) {
            if (line.equals("{")) {
                object = new StringBuilder();
            }
            if (object != null) {
                object.append(line).append('\n');
                if (line.equals("}")) {
                    objects.add(json.readTree(object.toString()));
                    object = null;
                }
            }
        }
        return objects;
    }

    private static JsonNode printed(List<JsonNode> objects, String field) {
        return objects.stream().filter(object -> object.has(field)).findFirst()
                .orElseThrow(() -> new AssertionError("the walk printed no object with \"" + field + "\""));
    }

    private static void requireOnPath(String... tools) throws InterruptedException {
        for (String tool : tools) {
            int status;
            try {
                status = new ProcessBuilder("bash", "-c", "command -v " + tool).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
            catch (IOException noBash) {
                status = -1;
            }
            if (status != 0) {
                fail("The README walk needs bash and " + tool + " on the PATH (e.g. apt-get install " + tool + ")");
            }
        }
    }
}
