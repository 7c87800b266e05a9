package io.tfgrpo.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.tfgrpo.TestDatabase;

/** The schema's own guarantees, against PostgreSQL: what the service relies on when it commits versions. */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(TestDatabase.class)
class LibraryRepositoryTest {

    @Autowired
    LibraryRepository libraries;

    @Autowired
    LibraryVersionRepository versions;

    @Autowired
    ExperienceRepository experiences;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aVersionNumberCannotBeCommittedTwice() {
        Library library = libraries.saveAndFlush(new Library("repo-twice", null, 0, 0, 1));
        versions.saveAndFlush(new LibraryVersion(library.id(), 1, 0, VersionOrigin.manual("one"), 0, Instant.now()));

        assertThatThrownBy(() -> versions.saveAndFlush(
                new LibraryVersion(library.id(), 1, 0, VersionOrigin.manual("again"), 0, Instant.now())))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void anExperienceCodeIsUniqueWithinItsVersion() {
        Library library = libraries.saveAndFlush(new Library("repo-codes", null, 0, 0, 1));
        versions.saveAndFlush(new LibraryVersion(library.id(), 0, null, VersionOrigin.created(), 1, Instant.now()));
        experiences.saveAndFlush(new Experience(library.id(), 0, 0, "E1", "text", "{}"));

        assertThatThrownBy(() -> experiences.saveAndFlush(new Experience(library.id(), 0, 1, "E1", "other", "{}")))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void anExperienceBelongsToAnExistingVersion() {
        Library library = libraries.saveAndFlush(new Library("repo-orphan", null, 0, 0, 1));

        assertThatThrownBy(() -> experiences.saveAndFlush(new Experience(library.id(), 7, 0, "E2", "orphan", "{}")))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theCurrentVersionCannotPassTheLatest() {
        assertThatThrownBy(() -> libraries.saveAndFlush(new Library("repo-ahead", null, 2, 1, 1)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void experiencesComeBackInTheirOrderWithJsonProvenance() {
        Library library = libraries.saveAndFlush(new Library("repo-order", null, 0, 0, 1));
        versions.saveAndFlush(new LibraryVersion(library.id(), 0, null, VersionOrigin.created(), 2, Instant.now()));
        experiences.saveAllAndFlush(java.util.List.of(
                new Experience(library.id(), 0, 1, "E2", "second", "{\"source\": \"manual\"}"),
                new Experience(library.id(), 0, 0, "E1", "first", "{\"source\": \"job\", \"step\": 3}")));

        assertThat(experiences.findByLibraryIdAndVersionOrderByPosition(library.id(), 0))
                .extracting(Experience::code).containsExactly("E1", "E2");
        assertThat(jdbc.queryForObject("select provenance ->> 'step' from experience where library_id = ? and code = 'E1'",
                String.class, library.id())).isEqualTo("3");
    }
}
