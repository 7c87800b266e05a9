package io.tfgrpo.library;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface LibraryRepository extends JpaRepository<Library, Long> {

    Optional<Library> findByName(String name);

    boolean existsByName(String name);

    /** The library row locked until the transaction ends, so that edits and promotions of it are serialised. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select l from Library l where l.name = :name")
    Optional<Library> lockByName(String name);
}
