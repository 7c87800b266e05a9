package io.tfgrpo.library;

/** How a library version came to be. */
enum VersionSource {
    /** Version 0, empty, made with the library. */
    CREATED,
    /** An edit through the API. */
    MANUAL,
    /** A training job's step. */
    JOB,
    /** Recreated from an exported document. */
    IMPORT
}
