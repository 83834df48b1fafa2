package org.rebound.dsn.phrase;

import java.util.List;
import java.util.Map;

import org.rebound.text.RuleDataFiles;

/**
 * The phrase knowledge the parser applies before any rule runs (rules/phrases/*.yaml): which words give a diagnostic
 * without a code its internal status code, which words say a failure is temporary, and each reporting MTA's own fixed
 * sentences. Java reads a message's structure; these tables decide what its words mean.
 *
 * @param codes     the status phrase table, in its order: an earlier entry's phrase wins
 * @param temporary words that make a failure temporary (class 4) when no reply code says otherwise
 * @param wording   per reporting MTA (the parser's name), its sentences (lower case) and the status each states, in
 *                  order: the first one a diagnostic contains wins
 */
public record PhraseBook(List<CodePhrases> codes, List<String> temporary,
                         Map<String, List<Map.Entry<String, String>>> wording) {

    public PhraseBook {
        codes = List.copyOf(codes);
        temporary = List.copyOf(temporary);
        wording = Map.copyOf(wording);
    }

    /** The shipped phrase files, read once, when first needed; a broken file fails with its name and line. */
    public static PhraseBook shipped() {
        return Shipped.BOOK;
    }

    /** An MTA's own sentences and the status each states; empty when it has none. */
    public List<Map.Entry<String, String>> wording(String mta) {
        return wording.getOrDefault(mta, List.of());
    }

    private static final class Shipped {
        static final PhraseBook BOOK = new PhraseBookLoader().load(
                RuleDataFiles.configured(PhraseBookLoader.FOLDER));
    }
}
