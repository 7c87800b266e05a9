package io.tfgrpo.library;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.springframework.stereotype.Component;

import io.tfgrpo.shared.FieldError;
import io.tfgrpo.shared.InvalidRequest;

/**
 * Applies operations to a snapshot of experiences: all of them or, when any is wrong, none. Updated experiences
 * keep their place and code; added ones go last under a fresh code; codes are never reused.
 */
@Component
class ExperienceEdits {

    static final String CODE_PATTERN = "E[1-9][0-9]{0,8}";

    /** An experience in a snapshot; {@code provenance} is JSON. */
    record Entry(String code, String text, String provenance) {
    }

    /** The new snapshot; {@code rejected} holds the operations left out (index and reason) in lenient mode. */
    record Result(List<Entry> experiences, int nextCode, List<FieldError> rejected) {
    }

    private final LibrarySettings settings;

    ExperienceEdits(LibrarySettings settings) {
        this.settings = settings;
    }

    Result apply(List<Entry> base, int nextCode, List<ExperienceOperation> operations, String provenance) {
        return apply(base, nextCode, operations, i -> provenance, false);
    }

    /**
     * Applies the operations in order. Strict: any invalid operation rejects them all (400). Lenient: invalid
     * operations are left out and reported in {@link Result#rejected()}, the rest applied — what a training step
     * does with a model's proposals, which may name unknown codes or run long.
     */
    Result apply(List<Entry> base, int nextCode, List<ExperienceOperation> operations, IntFunction<String> provenanceOf,
            boolean lenient) {
        Map<String, Entry> byCode = new LinkedHashMap<>();
        base.forEach(entry -> byCode.put(entry.code(), entry));
        List<FieldError> errors = new ArrayList<>();
        int code = nextCode;
        List<FieldError> rejected = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            ExperienceOperation operation = operations.get(i);
            String at = "operations[" + i + "]";
            String provenance = provenanceOf.apply(i);
            int errorsBefore = errors.size();
            switch (operation.op()) {
                case ADD -> {
                    if (operation.code() != null) {
                        errors.add(FieldError.field(at + ".code", "must be absent: the library assigns codes"));
                    }
                    else if (checkText(operation.text(), at + ".text", errors)) {
                        String newCode = "E" + code++;
                        byCode.put(newCode, new Entry(newCode, operation.text().strip(), provenance));
                    }
                }
                case UPDATE -> {
                    if (checkCode(operation.code(), byCode, at, errors)
                            & checkText(operation.text(), at + ".text", errors)) {
                        byCode.put(operation.code(), new Entry(operation.code(), operation.text().strip(), provenance));
                    }
                }
                case DELETE -> {
                    if (checkCode(operation.code(), byCode, at, errors)) {
                        byCode.remove(operation.code());
                    }
                }
            }
            if (lenient && errors.size() > errorsBefore) {
                rejected.addAll(errors.subList(errorsBefore, errors.size()));
                errors.subList(errorsBefore, errors.size()).clear();
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest("invalid-operations", "Invalid operations", errors);
        }
        return new Result(List.copyOf(byCode.values()), code, List.copyOf(rejected));
    }

    int maxExperienceWords() {
        return settings.maxExperienceWords();
    }

    /** Whether the text is a valid experience; if not, says why under {@code field}. */
    boolean checkText(String text, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(FieldError.field(field, "is required and must not be blank"));
            return false;
        }
        int words = text.strip().split("\\s+").length;
        if (words > settings.maxExperienceWords()) {
            errors.add(FieldError.field(field, "has " + words + " words; an experience holds at most "
                    + settings.maxExperienceWords() + " (tfgrpo.library.max-experience-words)"));
            return false;
        }
        if (text.strip().length() > settings.maxExperienceChars()) {
            errors.add(FieldError.field(field, "has " + text.strip().length() + " characters; at most "
                    + settings.maxExperienceChars() + " (tfgrpo.library.max-experience-chars)"));
            return false;
        }
        return true;
    }

    private static boolean checkCode(String code, Map<String, Entry> byCode, String at, List<FieldError> errors) {
        if (code == null || code.isBlank()) {
            errors.add(FieldError.field(at + ".code", "is required"));
            return false;
        }
        if (!byCode.containsKey(code)) {
            errors.add(FieldError.field(at + ".code", "unknown experience code '" + code + "' in this version"));
            return false;
        }
        return true;
    }
}
