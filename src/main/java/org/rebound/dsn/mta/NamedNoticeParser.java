package org.rebound.dsn.mta;

import java.util.List;
import java.util.Map;

import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.ReturnedMail;
import org.rebound.dsn.phrase.PhraseBook;

/**
 * A reporting MTA whose notices the shared notice rules read as they are (an address line per recipient, the
 * server's words after it, a marked copy of the original): only its name, its evidence and maybe a few fixed
 * sentences of its own (data: rules/phrases/mta-wording.yaml) differ, so one class serves them all and
 * {@link MtaParsers} pairs each name with the
 * evidence that selects it.
 */
final class NamedNoticeParser extends NoticeParser {

    private final String name;
    private final List<Map.Entry<String, String>> wording;

    /** The MTA's own sentences, if any, are read from the phrase data under its name (rules/phrases/mta-wording.yaml). */
    NamedNoticeParser(String name) {
        this.name = name;
        this.wording = PhraseBook.shipped().wording(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected String statusFor(ReturnedMail mail, String diagnostic) {
        return wording.isEmpty() ? "" : ownWording(diagnostic, wording);
    }
}
