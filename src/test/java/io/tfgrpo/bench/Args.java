package io.tfgrpo.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} arguments over defaults; an unknown name is an error, not silently ignored. */
final class Args {

    private Args() {
    }

    static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new HashMap<>(defaults);
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!defaults.containsKey(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("Unknown or incomplete option " + args[i] + "; options: "
                        + defaults.keySet());
            }
            values.put(name, args[i + 1]);
        }
        return values;
    }
}
