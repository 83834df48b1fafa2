package org.rebound.classify;

import java.util.Objects;

/** The text of one rule file and the name its errors are reported under (a path, or a resource in the jar). */
public record RuleFile(String name, String text) {

    public RuleFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }
}
