package org.rebound.dsn.mta;

import java.util.List;
import java.util.Map;

import org.rebound.dsn.format.NoticeParser;
import org.rebound.dsn.format.ReturnedMail;

/**
 * A reporting MTA whose notices the shared notice rules read as they are (an address line per recipient, the
 * server's words after it, a marked copy of the original): only its name, its evidence and maybe a few fixed
 * sentences of its own differ, so one class serves them all and {@link MtaParsers} pairs each name with the
 * evidence that selects it.
 */
final class NamedNoticeParser extends NoticeParser {

    private final String name;
    private final List<Map.Entry<String, String>> wording;

    NamedNoticeParser(String name) {
        this(name, List.of());
    }

    /**
     * @param wording the MTA's own sentences (lower case) and the status each states, after the MTA's Sisimai
     *                module; the first one the diagnostic contains wins
     */
    NamedNoticeParser(String name, List<Map.Entry<String, String>> wording) {
        this.name = name;
        this.wording = List.copyOf(wording);
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
