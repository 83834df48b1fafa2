package org.rebound.dsn.mta;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.rebound.dsn.format.FormatParser;
import org.rebound.dsn.format.ReturnedMail;

/**
 * The reporting-MTA parsers, each behind the evidence that selects it: a cheap test of the sender, subject,
 * headers or a body marker. Only the parsers whose evidence is present are tried, in this order.
 */
public final class MtaParsers {

    private record Entry(Predicate<ReturnedMail> evidence, FormatParser parser) {
    }

    private final List<Entry> entries = List.of(
            new Entry(AmazonSesParser::recognises, new AmazonSesParser()),
            new Entry(GoogleGroupsParser::recognises, new GoogleGroupsParser()),
            new Entry(KddiParser::recognises, new KddiParser()),
            new Entry(FmlParser::recognises, new FmlParser()),
            new Entry(GmailParser::recognises, new GmailParser()),
            new Entry(QmailParser::recognises, new QmailParser()),
            new Entry(EximParser::recognises, new EximParser()),
            new Entry(SendmailParser::recognises, new SendmailParser()),
            new Entry(NotesParser::recognises, new NotesParser()));

    /** The parsers whose evidence the message carries, most specific first; usually none or one. */
    public List<FormatParser> candidates(ReturnedMail mail) {
        List<FormatParser> found = new ArrayList<>(1);
        for (Entry e : entries) {
            if (e.evidence.test(mail)) {
                found.add(e.parser);
            }
        }
        return found;
    }
}
