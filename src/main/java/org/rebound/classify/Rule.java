package org.rebound.classify;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the rule book (rules/*.yaml): when its conditions hold, the recipient's failure has its reason.
 *
 * @param id         unique in the whole book; shown in every classification it decides
 * @param reason     the reason it gives
 * @param source     where the rule's knowledge comes from: an RFC section, a provider's documentation, Sisimai
 * @param conditions what it requires
 * @param examples   results it must decide, run through the whole book by the tests (a shadowed rule fails)
 * @param file       the file it was read from
 * @param line       its line in that file, counted from 1
 */
public record Rule(String id, Reason reason, String source, Conditions conditions, List<RuleExample> examples,
                   String file, int line) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(conditions, "conditions");
        Objects.requireNonNull(file, "file");
        examples = List.copyOf(examples);
    }

    /** file:line, for messages that point an operator at the rule. */
    public String location() {
        return file + ":" + line;
    }
}
