package io.tfgrpo.library;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ExperienceRepository extends JpaRepository<Experience, Long> {

    List<Experience> findByLibraryIdAndVersionOrderByPosition(Long libraryId, int version);

    List<Experience> findByLibraryIdOrderByVersionAscPositionAsc(Long libraryId);
}
