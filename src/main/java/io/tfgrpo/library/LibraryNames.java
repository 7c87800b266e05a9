package io.tfgrpo.library;

/** Library names are URL-safe slugs, so that they fit in paths and in OpenAI-style model names. */
final class LibraryNames {

    static final String SLUG = "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$";
    static final String SLUG_MESSAGE = "must be a slug: 1-64 lowercase letters, digits and inner hyphens";

    private LibraryNames() {
    }

    static boolean isValid(String name) {
        return name != null && name.matches(SLUG);
    }
}
