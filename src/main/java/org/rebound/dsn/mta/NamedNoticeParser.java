package org.rebound.dsn.mta;

import org.rebound.dsn.format.NoticeParser;

/**
 * A reporting MTA whose notices the shared notice rules read as they are (an address line per recipient, the
 * server's words after it, a marked copy of the original): only its name and its evidence differ, so one class
 * serves them all and {@link MtaParsers} pairs each name with the evidence that selects it.
 */
final class NamedNoticeParser extends NoticeParser {

    private final String name;

    NamedNoticeParser(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }
}
