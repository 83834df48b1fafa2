package org.rebound.dsn.phrase;

import java.util.List;

/**
 * One entry of the status phrase table (rules/phrases/status.yaml): words that, in a diagnostic stating no code,
 * mean the internal code X.subject.detail (Sisimai's X.0.9NN, lib/Sisimai/SMTP/Status.pm). The class X is decided by
 * the text and the reply code, not by the table.
 *
 * @param phrases lower-case ASCII, found anywhere in the text, ASCII case ignored
 * @param source  where the wording comes from
 * @param line    the entry's line in its file
 */
public record CodePhrases(int subject, int detail, List<String> phrases, String source, int line) {

    public CodePhrases {
        phrases = List.copyOf(phrases);
    }
}
