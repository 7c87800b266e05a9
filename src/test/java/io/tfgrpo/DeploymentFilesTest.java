package io.tfgrpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The files that build, run and test the service outside Maven stay well-formed and agree with each other. */
class DeploymentFilesTest {

    private static final Set<String> SERVICE_KEYS = Set.of("image", "build", "ports", "environment", "volumes",
            "depends_on", "healthcheck", "restart", "command", "entrypoint", "env_file");
    private static final Pattern README_TEST_COMMAND = Pattern.compile("\\./mvnw[^\\n`]*?\\bverify\\b");

    @Test
    void composeFileDescribesPostgresAndTheApp() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        assertThat(compose).as("Compose v2 has no version key").doesNotContainKey("version");

        Map<String, Object> services = map(compose, "services");
        assertThat(services).containsKeys("postgres", "app");
        services.forEach((name, service) -> assertThat(((Map<?, ?>) service).keySet())
                .as("keys of service %s", name).allMatch(SERVICE_KEYS::contains));

        Map<String, Object> postgres = map(services, "postgres");
        assertThat(postgres.get("image")).asString().startsWith("postgres:");
        assertThat(list(map(postgres, "healthcheck"), "test")).isNotEmpty();
        String volume = String.valueOf(list(postgres, "volumes").getFirst()).split(":")[0];
        assertThat(map(compose, "volumes")).as("named volumes").containsKey(volume);

        Map<String, Object> app = map(services, "app");
        Map<String, Object> db = map(postgres, "environment");
        assertThat(app).containsKey("build");
        assertThat(list(app, "ports")).map(String::valueOf).anyMatch(port -> port.matches("(.*:)?8080(/tcp)?"));
        assertThat(map(app, "environment"))
                .containsEntry("DATABASE_URL", "jdbc:postgresql://postgres:5432/" + db.get("POSTGRES_DB"))
                .containsEntry("DATABASE_USERNAME", db.get("POSTGRES_USER"))
                .containsEntry("DATABASE_PASSWORD", db.get("POSTGRES_PASSWORD"));
        assertThat(map(map(app, "depends_on"), "postgres")).containsEntry("condition", "service_healthy");

        Map<String, Object> ollama = map(services, "ollama");
        assertThat(ollama.get("image")).asString().startsWith("ollama/ollama");
        assertThat(list(map(ollama, "healthcheck"), "test")).isNotEmpty();
        Map<String, Object> pull = map(services, "ollama-pull");
        assertThat(list(pull, "entrypoint")).map(String::valueOf).startsWith("ollama", "pull");
        assertThat(map(map(pull, "depends_on"), "ollama")).containsEntry("condition", "service_healthy");
        assertThat(map(map(app, "depends_on"), "ollama-pull"))
                .containsEntry("condition", "service_completed_successfully");
        assertThat(map(app, "environment").get("OPENAI_BASE_URL")).asString().contains("http://ollama:11434/v1");
        assertThat(map(app, "environment").get("TFGRPO_BOOTSTRAP_KEY")).as("required from .env")
                .asString().startsWith("${TFGRPO_BOOTSTRAP_KEY:?");
        assertThat(Files.readString(Path.of(".env.example"))).contains("TFGRPO_BOOTSTRAP_KEY=");
    }

    @Test
    void dockerfileRunsTheLayeredJarOnAJreAsANonRootUser() throws IOException {
        List<String> instructions = Files.readAllLines(Path.of("Dockerfile")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        List<String> froms = instruction(instructions, "FROM");
        assertThat(froms).as("a multi-stage build").hasSizeGreaterThanOrEqualTo(2);
        assertThat(froms.getLast()).as("the runtime base").containsPattern("(?i)^FROM\\s+(--\\S+\\s+)*\\S*jre");

        List<String> runtime = instructions.subList(instructions.lastIndexOf(froms.getLast()), instructions.size());
        assertThat(instruction(runtime, "USER")).as("USER in the runtime stage").isNotEmpty()
                .allSatisfy(user -> assertThat(user.split("\\s+")[1]).doesNotMatch("(root|0)(:.*)?"));
        assertThat(instruction(runtime, "ENTRYPOINT")).singleElement().asString()
                .contains("org.springframework.boot.loader.launch.JarLauncher");
    }

    @Test
    void ciScriptRunsTheFullBuildVisibly() throws IOException {
        Path script = Path.of(".ci/run");
        assertThat(script).isExecutable();
        assertThat(Files.readString(script)).contains("set -euo pipefail", "./mvnw -B verify")
                .as("-q would hide the Surefire summary").doesNotContainPattern("\\s-q\\b");
    }

    @Test
    void ciScriptRunsTheTestCommandTheReadmeShows() throws IOException {
        Path readme = Path.of("README.md");
        assumeTrue(Files.exists(readme), "README.md is not written yet");
        Matcher command = README_TEST_COMMAND.matcher(Files.readString(readme));
        assertThat(command.find()).as("README.md shows a ./mvnw ... verify command").isTrue();
        assertThat(Files.readString(Path.of(".ci/run"))).contains(command.group());
    }

    private static List<String> instruction(List<String> instructions, String keyword) {
        return instructions.stream().filter(line -> line.matches("(?i)" + keyword + "\\s.*")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) parent.get(key);
    }

    private static List<?> list(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).as(key).isInstanceOf(List.class);
        return (List<?>) parent.get(key);
    }
}
