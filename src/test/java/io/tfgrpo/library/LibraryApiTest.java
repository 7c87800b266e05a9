package io.tfgrpo.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.tfgrpo.HttpTest;

class LibraryApiTest extends HttpTest {

    private static final String SHORT_TIP = "When a percentage increase is given, apply it to the original amount.";

    @Test
    void aNewLibraryIsAtAnEmptyCurrentVersionZero() {
        String name = uniqueName();
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", name, "description", "tips")).exchange()
                .expectStatus().isCreated()
                .expectHeader().location("/api/libraries/" + name)
                .expectBody()
                .jsonPath("$.currentVersion").isEqualTo(0)
                .jsonPath("$.latestVersion").isEqualTo(0)
                .jsonPath("$.description").isEqualTo("tips");

        http.get().uri("/api/libraries/{name}/versions/0", name).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.source").isEqualTo("CREATED")
                .jsonPath("$.current").isEqualTo(true)
                .jsonPath("$.experiences.length()").isEqualTo(0);
        http.get().uri("/api/libraries?size=500").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.content[?(@.name == '%s')]".formatted(name)).exists();
    }

    @Test
    void rejectsTakenAndInvalidNames() {
        String name = create();
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", name))
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:library-exists");
        for (String bad : List.of("Upper", "with space", "-leading", "trailing-", "a".repeat(65), "x@1")) {
            http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", bad))
                    .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("name");
        }
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body("{\"name\": ")
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.detail").value(d -> assertThat((String) d).startsWith("malformed JSON"));
        http.get().uri("/api/libraries/no-such-library").exchange().expectStatus().isNotFound().expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:library-not-found");
    }

    @Test
    void eachEditMakesTheNextVersionWithStableCodes() {
        String name = create();
        edit(name, 0, List.of(add(SHORT_TIP), add("Check units before the final answer."))).expectStatus().isCreated()
                .expectHeader().location("/api/libraries/" + name + "/versions/1")
                .expectBody()
                .jsonPath("$.version").isEqualTo(1)
                .jsonPath("$.parentVersion").isEqualTo(0)
                .jsonPath("$.source").isEqualTo("MANUAL")
                .jsonPath("$.current").isEqualTo(false)
                .jsonPath("$.experiences[0].code").isEqualTo("E1")
                .jsonPath("$.experiences[1].code").isEqualTo("E2")
                .jsonPath("$.experiences[0].provenance.source").isEqualTo("manual")
                .jsonPath("$.experiences[0].provenance.version").isEqualTo(1);

        edit(name, 1, List.of(Map.of("op", "UPDATE", "code", "E1", "text", "Apply percentages to the base amount."),
                Map.of("op", "DELETE", "code", "E2"), add("Re-read the question before answering.")))
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.version").isEqualTo(2)
                .jsonPath("$.experiences.length()").isEqualTo(2)
                .jsonPath("$.experiences[0].code").isEqualTo("E1")
                .jsonPath("$.experiences[0].text").isEqualTo("Apply percentages to the base amount.")
                .jsonPath("$.experiences[1].code").isEqualTo("E3");

        edit(name, 2, List.of(Map.of("op", "DELETE", "code", "E3"), add("A newer tip."))).expectStatus().isCreated()
                .expectBody().jsonPath("$.experiences[1].code").isEqualTo("E4");

        http.get().uri("/api/libraries/{name}/versions/1", name).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.experiences[0].text").isEqualTo(SHORT_TIP)
                .jsonPath("$.experiences[1].code").isEqualTo("E2");
        http.get().uri("/api/libraries/{name}/versions?size=2", name).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.content[0].version").isEqualTo(3)
                .jsonPath("$.content[1].version").isEqualTo(2)
                .jsonPath("$.totalElements").isEqualTo(4)
                .jsonPath("$.content[0].experienceCount").isEqualTo(2);
        http.get().uri("/api/libraries/{name}", name).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.currentVersion").isEqualTo(0)
                .jsonPath("$.latestVersion").isEqualTo(3);
    }

    @Test
    void anEditOfAVersionSomeoneAlreadyEditedIsAConflictNamingTheChild() {
        String name = create();
        edit(name, 0, List.of(add(SHORT_TIP))).expectStatus().isCreated();
        edit(name, 1, List.of(add("A second tip."))).expectStatus().isCreated();
        edit(name, 0, List.of(add("Someone else's tip."))).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:stale-base-version")
                .jsonPath("$.baseVersion").isEqualTo(0)
                .jsonPath("$.childVersion").isEqualTo(1)
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("edited into version 1"));
        http.get().uri("/api/libraries/{name}", name).exchange().expectBody().jsonPath("$.latestVersion").isEqualTo(2);
    }

    @Test
    void aBranchOnPurposeMakesASiblingAndAnUneditedOlderVersionCanBeEdited() {
        String name = create();
        edit(name, 0, List.of(add(SHORT_TIP))).expectStatus().isCreated();
        edit(name, 1, List.of(add("A second tip."))).expectStatus().isCreated();
        http.post().uri("/api/libraries/{name}/versions", name).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("baseVersion", 0, "operations", List.of(add("Another start.")), "branch", true))
                .exchange().expectStatus().isCreated()
                .expectHeader().location("/api/libraries/" + name + "/versions/3")
                .expectBody()
                .jsonPath("$.version").isEqualTo(3)
                .jsonPath("$.parentVersion").isEqualTo(0)
                .jsonPath("$.experiences.length()").isEqualTo(1)
                .jsonPath("$.experiences[0].code").isEqualTo("E3");
        // now the newest child of version 0 is named
        edit(name, 0, List.of(add("Late."))).expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody()
                .jsonPath("$.childVersion").isEqualTo(3);
        // version 2 is not the latest but nobody edited it
        edit(name, 2, List.of(add("On top of two."))).expectStatus().isCreated().expectBody()
                .jsonPath("$.version").isEqualTo(4)
                .jsonPath("$.parentVersion").isEqualTo(2);
        http.get().uri("/api/libraries/{name}/versions", name).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.content[*].version").isEqualTo(List.of(4, 3, 2, 1, 0))
                .jsonPath("$.content[*].parentVersion").isEqualTo(java.util.Arrays.asList(2, 0, 1, 0, null));
        edit(name, 9, List.of(add("x"))).expectStatus().isNotFound().expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:version-not-found");
    }

    @Test
    void concurrentEditsOfTheSameVersionLetExactlyOneWin() throws Exception {
        String name = create();
        int editors = 6;
        CyclicBarrier start = new CyclicBarrier(editors);
        try (var pool = Executors.newFixedThreadPool(editors)) {
            List<Future<HttpStatus>> results = pool.invokeAll(java.util.stream.IntStream.range(0, editors)
                    .<Callable<HttpStatus>>mapToObj(i -> () -> {
                        start.await();
                        return HttpStatus.valueOf(edit(name, 0, List.of(add("Tip number " + i)))
                                .returnResult(String.class).getStatus().value());
                    }).toList());
            List<HttpStatus> statuses = results.stream().map(f -> {
                try {
                    return f.get();
                }
                catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(statuses).filteredOn(s -> s == HttpStatus.CREATED).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == HttpStatus.CONFLICT).hasSize(editors - 1);
        }
        http.get().uri("/api/libraries/{name}", name).exchange().expectBody().jsonPath("$.latestVersion").isEqualTo(1);
    }

    @Test
    void invalidOperationsAreRejectedWholeNamingEachOne() {
        String name = create();
        edit(name, 0, List.of(add(SHORT_TIP))).expectStatus().isCreated();
        String tooLong = "word ".repeat(33).strip();
        edit(name, 1, List.of(add("Fine."), Map.of("op", "UPDATE", "code", "E99", "text", "x"),
                Map.of("op", "DELETE"), Map.of("op", "ADD"), add(tooLong)))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:invalid-operations")
                .jsonPath("$.field").isEqualTo("operations[1].code")
                .jsonPath("$.errors[0].message").isEqualTo("unknown experience code 'E99' in this version")
                .jsonPath("$.errors[1].field").isEqualTo("operations[2].code")
                .jsonPath("$.errors[2].field").isEqualTo("operations[3].text")
                .jsonPath("$.errors[3].field").isEqualTo("operations[4].text")
                .jsonPath("$.errors[3].message").value(m -> assertThat((String) m).startsWith("has 33 words"));
        http.get().uri("/api/libraries/{name}", name).exchange().expectBody().jsonPath("$.latestVersion").isEqualTo(1);

        edit(name, 1, List.of()).expectStatus().isBadRequest().expectBody().jsonPath("$.field")
                .isEqualTo("operations");
        edit(name, 1, List.of(Map.of("op", "RENAME", "code", "E1"))).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.field").isEqualTo("operations[0].op");
        http.post().uri("/api/libraries/{name}/versions", name).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("operations", List.of(add("x")))).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("baseVersion");
        edit("no-such-library", 0, List.of(add("x"))).expectStatus().isNotFound();
    }

    @Test
    void diffsVersionsByCode() {
        String name = create();
        edit(name, 0, List.of(add("First."), add("Second."), add("Third."))).expectStatus().isCreated();
        edit(name, 1, List.of(Map.of("op", "UPDATE", "code", "E2", "text", "Second, better."),
                Map.of("op", "DELETE", "code", "E3"), add("Fourth."))).expectStatus().isCreated();

        http.get().uri("/api/libraries/{name}/versions/2/diff", name).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.from").isEqualTo(1)
                .jsonPath("$.to").isEqualTo(2)
                .jsonPath("$.added[0].code").isEqualTo("E4")
                .jsonPath("$.updated[0].code").isEqualTo("E2")
                .jsonPath("$.updated[0].before").isEqualTo("Second.")
                .jsonPath("$.updated[0].after").isEqualTo("Second, better.")
                .jsonPath("$.deleted[0].code").isEqualTo("E3")
                .jsonPath("$.deleted.length()").isEqualTo(1);
        http.get().uri("/api/libraries/{name}/versions/2/diff?against=0", name).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.from").isEqualTo(0)
                .jsonPath("$.added.length()").isEqualTo(3).jsonPath("$.deleted.length()").isEqualTo(0);
        // the older name of the parameter still works
        http.get().uri("/api/libraries/{name}/versions/2/diff?from=0", name).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.added.length()").isEqualTo(3).jsonPath("$.deleted.length()").isEqualTo(0);
        // a branch is compared with its own parent by default, and with any version on request
        http.post().uri("/api/libraries/{name}/versions", name).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("baseVersion", 1, "operations", List.of(Map.of("op", "DELETE", "code", "E1")),
                        "branch", true)).exchange().expectStatus().isCreated();
        http.get().uri("/api/libraries/{name}/versions/3/diff", name).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.from").isEqualTo(1)
                .jsonPath("$.added.length()").isEqualTo(0)
                .jsonPath("$.updated.length()").isEqualTo(0)
                .jsonPath("$.deleted[*].code").isEqualTo(List.of("E1"));
        http.get().uri("/api/libraries/{name}/versions/3/diff?against=2", name).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.from").isEqualTo(2)
                .jsonPath("$.added.length()").isEqualTo(1)
                .jsonPath("$.updated[0].code").isEqualTo("E2")
                .jsonPath("$.updated[0].after").isEqualTo("Second.")
                .jsonPath("$.deleted[*].code").isEqualTo(List.of("E1", "E4"));
        http.get().uri("/api/libraries/{name}/versions/2/diff?from=9", name).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.version").isEqualTo(9);
        http.get().uri("/api/libraries/{name}/versions/7", name).exchange().expectStatus().isNotFound().expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:version-not-found");
    }

    @Test
    void promotesAndRollsBackTheCurrentVersion() {
        String name = create();
        edit(name, 0, List.of(add("First."))).expectStatus().isCreated();
        edit(name, 1, List.of(add("Second.")), true).expectStatus().isCreated().expectBody()
                .jsonPath("$.current").isEqualTo(true);
        http.get().uri("/api/libraries/{name}", name).exchange().expectBody().jsonPath("$.currentVersion").isEqualTo(2);

        promote(name, 1).expectStatus().isOk().expectBody()
                .jsonPath("$.currentVersion").isEqualTo(1)
                .jsonPath("$.latestVersion").isEqualTo(2);
        http.get().uri("/api/libraries/{name}/versions", name).exchange().expectBody()
                .jsonPath("$.content[1].current").isEqualTo(true)
                .jsonPath("$.content[0].current").isEqualTo(false);
        promote(name, 5).expectStatus().isNotFound();
        promote("no-such-library", 0).expectStatus().isNotFound();
        http.put().uri("/api/libraries/{name}/current", name).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("version", -1)).exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.field").isEqualTo("version");
    }

    @Test
    void theServedVersionIsReadWithoutLookingUpItsNumber() {
        String name = create();
        edit(name, 0, List.of(add("First."))).expectStatus().isCreated();
        edit(name, 1, List.of(add("Second."))).expectStatus().isCreated();
        http.get().uri("/api/libraries/{name}/versions/current", name).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.version").isEqualTo(0)
                .jsonPath("$.current").isEqualTo(true)
                .jsonPath("$.experiences.length()").isEqualTo(0);

        promote(name, 1).expectStatus().isOk();
        http.get().uri("/api/libraries/{name}/versions/current", name).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.version").isEqualTo(1)
                .jsonPath("$.current").isEqualTo(true)
                .jsonPath("$.experiences[0].text").isEqualTo("First.");
        http.get().uri("/api/libraries/no-such-library/versions/current").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:library-not-found");
    }

    @Test
    void exportsAndImportsALibraryWithAllItsVersions() {
        String name = create();
        edit(name, 0, List.of(add("First."), add("Second."))).expectStatus().isCreated();
        edit(name, 1, List.of(Map.of("op", "DELETE", "code", "E2"), add("Third.")), true).expectStatus().isCreated();
        String exported = http.get().uri("/api/libraries/{name}/export", name).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        http.post().uri("/api/libraries/import").contentType(MediaType.APPLICATION_JSON).body(exported).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
        String copy = name + "-copy";
        http.post().uri("/api/libraries/import?as={as}", copy).contentType(MediaType.APPLICATION_JSON).body(exported)
                .exchange().expectStatus().isCreated().expectHeader().location("/api/libraries/" + copy)
                .expectBody()
                .jsonPath("$.currentVersion").isEqualTo(2)
                .jsonPath("$.latestVersion").isEqualTo(2);
        http.get().uri("/api/libraries/{name}/versions/2", copy).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.source").isEqualTo("IMPORT")
                .jsonPath("$.experiences[0].code").isEqualTo("E1")
                .jsonPath("$.experiences[1].code").isEqualTo("E3")
                .jsonPath("$.experiences[1].text").isEqualTo("Third.")
                .jsonPath("$.experiences[1].provenance.source").isEqualTo("import")
                .jsonPath("$.experiences[1].provenance.original.source").isEqualTo("manual");
        // codes keep counting where the original library stopped
        edit(copy, 2, List.of(add("Fourth."))).expectStatus().isCreated().expectBody()
                .jsonPath("$.experiences[2].code").isEqualTo("E4");

        http.get().uri("/api/libraries/{name}/export?version=1", name).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.format").isEqualTo("tfgrpo-library/v1")
                .jsonPath("$.currentVersion").isEqualTo(1)
                .jsonPath("$.versions.length()").isEqualTo(1)
                .jsonPath("$.versions[0].experiences.length()").isEqualTo(2);
        http.get().uri("/api/libraries/{name}/export?version=9", name).exchange().expectStatus().isNotFound();
    }

    @Test
    void thePriorPlacementIsSetOnCreateOrLaterShownAndCarriedByExportAndImport() {
        String name = uniqueName();
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", name, "priorPlacement", "user-suffix")).exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.priorPlacement").isEqualTo("user-suffix");
        http.get().uri("/api/libraries/{name}", create()).exchange().expectBody()
                .jsonPath("$.priorPlacement").isEqualTo("system");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", uniqueName(), "priorPlacement", "after")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("priorPlacement")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("system, user-suffix"));

        String exported = http.get().uri("/api/libraries/{name}/export", name).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        http.post().uri("/api/libraries/import?as={as}", name + "-copy").contentType(MediaType.APPLICATION_JSON)
                .body(exported).exchange().expectStatus().isCreated().expectBody()
                .jsonPath("$.priorPlacement").isEqualTo("user-suffix");

        http.put().uri("/api/libraries/{name}/prior-placement", name).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("placement", "system")).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.priorPlacement").isEqualTo("system");
        http.get().uri("/api/libraries/{name}/export", name).exchange().expectBody()
                .jsonPath("$.priorPlacement").isEqualTo("system");
        http.put().uri("/api/libraries/{name}/prior-placement", name).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of()).exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.field").isEqualTo("placement");
    }

    @Test
    void rejectsAnInvalidLibraryDocument() {
        String document = """
                {"format": "something-else", "name": "%s", "currentVersion": 3, "nextCode": 1,
                 "versions": [{"version": 0, "experiences": [{"code": "X1", "text": "ok"}]},
                              {"version": 1, "parentVersion": 4, "experiences": [
                                  {"code": "E1", "text": "ok"}, {"code": "E1", "text": " "}]}]}
                """.formatted(uniqueName());
        http.post().uri("/api/libraries/import").contentType(MediaType.APPLICATION_JSON).body(document).exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:invalid-library-document")
                .jsonPath("$.errors[*].field").value(fields -> assertThat(fields).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly(
                        "format", "currentVersion", "versions[0].experiences[0].code", "versions[1].parentVersion",
                        "versions[1].experiences[1].code", "versions[1].experiences[1].text"));
        http.post().uri("/api/libraries/import").contentType(MediaType.APPLICATION_JSON).body("{\"format\": 1}")
                .exchange().expectStatus().isBadRequest();
    }

    private String create() {
        String name = uniqueName();
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", name))
                .exchange().expectStatus().isCreated();
        return name;
    }

    private RestTestClient.ResponseSpec edit(String name, int baseVersion, List<Map<String, String>> operations) {
        return edit(name, baseVersion, operations, false);
    }

    private RestTestClient.ResponseSpec edit(String name, int baseVersion, List<Map<String, String>> operations,
            boolean promote) {
        return http.post().uri("/api/libraries/{name}/versions", name).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("baseVersion", baseVersion, "operations", operations, "note", "test edit",
                        "promote", promote))
                .exchange();
    }

    private RestTestClient.ResponseSpec promote(String name, int version) {
        return http.put().uri("/api/libraries/{name}/current", name).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("version", version)).exchange();
    }

    private static Map<String, String> add(String text) {
        return Map.of("op", "ADD", "text", text);
    }

    private static String uniqueName() {
        return "lib-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
