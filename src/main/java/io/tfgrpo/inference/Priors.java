package io.tfgrpo.inference;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

import io.tfgrpo.library.Libraries;
import io.tfgrpo.library.LibraryVersions;
import io.tfgrpo.library.PriorPlacement;
import io.tfgrpo.library.RenderedPrior;
import io.tfgrpo.shared.InvalidRequest;

/**
 * The fast path: rendered priors of library versions, kept in memory (a version never changes, so its entry
 * never goes stale), and each library's current version, trusted for {@code current-version-ttl} so that a
 * promotion on any instance is seen everywhere within that time. A warm request touches no database.
 */
@Component
class Priors {

    /**
     * A library's current version, prior template and placement, as last read; one request at a time refreshes it.
     */
    private record Current(int version, String template, PriorPlacement placement, long expiresAt,
            AtomicBoolean refreshing) {
    }

    private final Libraries libraries;
    private final LibraryVersions versions;
    private final InferenceSettings settings;
    private final Map<String, Current> currents = new ConcurrentHashMap<>();
    private final Map<String, RenderedPrior> rendered;

    Priors(Libraries libraries, LibraryVersions versions, InferenceSettings settings) {
        this.libraries = libraries;
        this.versions = versions;
        this.settings = settings;
        int capacity = settings.cachedVersions();
        this.rendered = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RenderedPrior> eldest) {
                return size() > capacity;
            }
        });
    }

    /** {@code version}: null or blank = the library's current version, {@code none} = no prior, else a number. */
    RenderedPrior resolve(String library, String version, String field) {
        if (version != null && version.strip().equalsIgnoreCase("none")) {
            libraries.get(library); // an unknown library is still an error
            return RenderedPrior.none(library);
        }
        Current current = current(library);
        int number = version == null || version.isBlank() ? current.version() : parse(version, field);
        String key = library + "@" + number + "#" + current.placement().label() + "#"
                + java.util.Objects.hashCode(current.template());
        RenderedPrior prior = rendered.get(key);
        if (prior == null) {
            prior = RenderedPrior.of(library, number, versions.get(library, number).experiences(), current.template(),
                    current.placement());
            rendered.put(key, prior);
        }
        return prior;
    }

    /**
     * The library's current version. When it is due for a refresh, one request reads it again and the others go
     * on with the value they have for that one round trip: under load, an expiry must not send every request in
     * flight to the database at once.
     */
    private Current current(String library) {
        long now = System.nanoTime();
        Current cached = currents.get(library);
        if (cached != null && (now - cached.expiresAt() < 0 || !cached.refreshing().compareAndSet(false, true))) {
            return cached;
        }
        try {
            var view = libraries.get(library);
            Current fresh = new Current(view.currentVersion(), view.priorTemplate(), view.priorPlacement(),
                    now + settings.currentVersionTtl().toNanos(), new AtomicBoolean());
            currents.put(library, fresh);
            return fresh;
        }
        catch (RuntimeException e) {
            if (cached != null) {
                cached.refreshing().set(false);
            }
            throw e;
        }
    }

    private static int parse(String version, String field) {
        try {
            int number = Integer.parseInt(version.strip());
            if (number >= 0) {
                return number;
            }
        }
        catch (NumberFormatException notANumber) {
            // reported below
        }
        throw InvalidRequest.of(field, "must be a version number, or 'none' for no prior");
    }
}
