package io.tfgrpo.training;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfgrpo.library.ExperienceOperation;

/**
 * METHOD.md step 8, before the commit: which of the batch's net operations the library gets, in which order, and
 * why each other one is rejected. Codes are read forgivingly ({@code [E3]}, {@code e3}, {@code E3:} all name E3);
 * deletes and updates must name an experience of the base version; the cap counts the net result of the whole
 * batch, so an addition is not dropped for arriving before the delete that makes room for it, and a delete frees a
 * slot only when it names a known experience. The library gets the deletes, then the updates, then the additions.
 */
final class NetUpdate {

    /** An operation of the batch update as it will be committed: its text fitted to the word limit, and how. */
    record Proposed(Distillation.Operation operation, String note) {
    }

    /** An operation for the library, and the proposal it comes from. */
    record Planned(ExperienceOperation operation, Proposed source) {
    }

    /** A proposal the library does not get, and why. */
    record Rejected(Proposed source, String code, String reason) {
    }

    record Plan(List<Planned> planned, List<Rejected> rejected) {

        List<ExperienceOperation> operations() {
            return planned.stream().map(Planned::operation).toList();
        }
    }

    private static final Pattern CODE = Pattern.compile("(?i)^[\\s\\[(\"'`*]*e\\s*0*([1-9][0-9]{0,8})[\\s\\])\"'`*:.,;]*$");

    private NetUpdate() {
    }

    /** {@code E3} for {@code E3}, {@code [E3]}, {@code e3}, {@code E3:}, {@code " E3 "}; else the text, stripped. */
    static String code(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Matcher matcher = CODE.matcher(raw);
        return matcher.matches() ? "E" + matcher.group(1) : raw.strip();
    }

    /**
     * {@code library} holds the codes of the base version {@code baseVersion}; {@code cap} the job's
     * maxExperiences (null: none).
     */
    static Plan plan(List<Proposed> proposals, List<String> library, int baseVersion, Integer cap) {
        Set<String> known = Set.copyOf(library);
        Set<String> deleted = new HashSet<>();
        Set<String> updated = new HashSet<>();
        List<Planned> deletes = new ArrayList<>();
        List<Planned> updates = new ArrayList<>();
        List<Planned> adds = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (Proposed p : proposals) {
            Distillation.Operation op = p.operation();
            String code = code(op.code());
            if (op.op() == Distillation.Operation.Op.DELETE) {
                String why = code == null ? "a DELETE needs the code of an experience"
                        : !known.contains(code) ? unknown(code, baseVersion)
                        : !deleted.add(code) ? code + " is deleted twice; the first DELETE is kept" : null;
                accept(p, code, why, () -> ExperienceOperation.delete(code), deletes, rejected);
            }
        }
        for (Proposed p : proposals) {
            Distillation.Operation op = p.operation();
            String code = code(op.code());
            String text = op.text() == null || op.text().isBlank() ? null : op.text().strip();
            switch (op.op()) {
                case UPDATE -> {
                    String why = code == null ? "an UPDATE needs the code of an experience"
                            : text == null ? "an UPDATE needs a text"
                            : !known.contains(code) ? unknown(code, baseVersion)
                            : deleted.contains(code) ? code + " is deleted by the same update"
                            : !updated.add(code) ? code + " is updated twice; the first UPDATE is kept" : null;
                    accept(p, code, why, () -> ExperienceOperation.update(code, text), updates, rejected);
                }
                case ADD -> accept(p, null, text == null ? "an ADD needs a text" : null,
                        () -> ExperienceOperation.add(text), adds, rejected);
                case DELETE, NONE -> {
                }
            }
        }
        if (cap != null) {
            int room = Math.max(0, cap - (library.size() - deletes.size()));
            while (adds.size() > room) {
                Planned over = adds.removeLast();
                rejected.add(new Rejected(over.source(), null, "the library would hold "
                        + (library.size() - deletes.size() + adds.size() + 1) + " experiences, more than the job's "
                        + "maxExperiences (" + cap + ")"));
            }
        }
        List<Planned> planned = new ArrayList<>(deletes);
        planned.addAll(updates);
        planned.addAll(adds);
        return new Plan(List.copyOf(planned), List.copyOf(rejected));
    }

    private static void accept(Proposed p, String code, String why, Supplier<ExperienceOperation> op,
            List<Planned> into, List<Rejected> rejected) {
        if (why == null) {
            into.add(new Planned(op.get(), p));
        }
        else {
            rejected.add(new Rejected(p, code, why));
        }
    }

    private static String unknown(String code, int baseVersion) {
        return "unknown experience code '" + code + "' in version " + baseVersion;
    }
}
