package io.tfgrpo.library;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface LibraryVersionRepository extends JpaRepository<LibraryVersion, Long> {

    Optional<LibraryVersion> findByLibraryIdAndVersion(Long libraryId, int version);

    boolean existsByLibraryIdAndVersion(Long libraryId, int version);

    Page<LibraryVersion> findByLibraryIdOrderByVersionDesc(Long libraryId, Pageable pageable);

    List<LibraryVersion> findByLibraryIdOrderByVersion(Long libraryId);

    /** The newest version made from {@code parentVersion}, if any. */
    Optional<LibraryVersion> findFirstByLibraryIdAndParentVersionOrderByVersionDesc(Long libraryId, int parentVersion);
}
