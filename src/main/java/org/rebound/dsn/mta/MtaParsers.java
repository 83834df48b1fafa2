package org.rebound.dsn.mta;

import java.util.ArrayList;
import java.util.List;

import org.rebound.dsn.format.FormatParser;
import org.rebound.dsn.format.ReturnedMail;

/** The reporting-MTA parsers, each with the evidence that selects it. */
public final class MtaParsers {

    public List<FormatParser> candidates(ReturnedMail mail) {
        return new ArrayList<>();
    }
}
