package io.tfgrpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;

import io.tfgrpo.client.ApiClient;
import io.tfgrpo.client.ApiException;
import io.tfgrpo.client.api.DatasetsApi;
import io.tfgrpo.client.api.LibrariesApi;
import io.tfgrpo.client.api.LibraryVersionsApi;
import io.tfgrpo.client.api.TrainingJobsApi;
import io.tfgrpo.client.model.CreateLibrary;
import io.tfgrpo.client.model.DatasetView;
import io.tfgrpo.client.model.EditLibrary;
import io.tfgrpo.client.model.ExperienceOperation;
import io.tfgrpo.client.model.LibraryView;
import io.tfgrpo.client.model.StartTrainingJob;
import io.tfgrpo.client.model.TrainingJobView;
import io.tfgrpo.client.model.VersionDiff;
import io.tfgrpo.client.model.VersionView;

/**
 * The main flow through a Java client that OpenAPI Generator made from the checked-in API description (see the
 * pom): what a client generated from the document sends is what the service accepts, and what the service answers
 * is what the client can read.
 */
class GeneratedClientTest extends HttpTest {

    @Test
    void uploadCreateEditDiffStartAndReadThroughTheGeneratedClient(@TempDir Path dir) throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> request.header(HttpHeaders.AUTHORIZATION, BEARER));

        Path jsonl = dir.resolve("sums.jsonl");
        Files.writeString(jsonl, """
                {"id": "q1", "problem": "What is 2 + 3?", "answer": "5"}
                {"id": "q2", "problem": "What is 4 * 6?", "answer": "24"}
                """);
        DatasetView dataset = new DatasetsApi(client).uploadDataset("client-sums", jsonl.toFile());
        assertThat(dataset.getItemCount()).isEqualTo(2);

        LibrariesApi libraries = new LibrariesApi(client);
        LibraryView library = libraries.createLibrary(new CreateLibrary().name("client-flow")
                .description("made through the generated client"));
        assertThat(library.getCurrentVersion()).isZero();

        LibraryVersionsApi versions = new LibraryVersionsApi(client);
        VersionView edited = versions.editLibrary("client-flow", new EditLibrary().baseVersion(0).note("first tip")
                .promote(true).operations(List.of(new ExperienceOperation().op(ExperienceOperation.OpEnum.ADD)
                        .text("Check the units before answering."))));
        assertThat(edited.getVersion()).isEqualTo(1);
        VersionDiff diff = versions.diffLibraryVersion("client-flow", 1, 0, null);
        assertThat(diff.getFrom()).isZero();
        assertThat(diff.getAdded()).singleElement()
                .satisfies(added -> assertThat(added.getText()).isEqualTo("Check the units before answering."));
        assertThat(versions.getCurrentLibraryVersion("client-flow").getVersion()).isEqualTo(1);

        TrainingJobsApi jobs = new TrainingJobsApi(client);
        TrainingJobView started = jobs.startTrainingJob(new StartTrainingJob().datasetId(dataset.getId())
                .library("client-flow").epochs(1).groupSize(2), null);
        try {
            TrainingJobView read = jobs.getTrainingJob(started.getId());
            assertThat(read.getDatasetId()).isEqualTo(dataset.getId());
            assertThat(read.getLibrary()).isEqualTo("client-flow");
            assertThat(read.getStartVersion()).isEqualTo(1);
            assertThat(read.getStatus()).isEqualTo("QUEUED");
        }
        finally {
            // this context runs no jobs, and no other context may pick this one up
            jobs.cancelTrainingJob(started.getId());
        }

        assertThatThrownBy(() -> libraries.getLibrary("no-such-library")).isInstanceOfSatisfying(ApiException.class,
                error -> {
                    assertThat(error.getCode()).isEqualTo(404);
                    assertThat(error.getResponseBody()).contains("urn:tfgrpo:problem:library-not-found");
                });
    }
}
