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

    /** A parser and the evidence that selects it. */
    record Entry(Predicate<ReturnedMail> evidence, FormatParser parser) {
    }

    private final List<Entry> entries = List.of(
            new Entry(AmazonSesParser::recognises, new AmazonSesParser()),
            new Entry(GoogleGroupsParser::recognises, new GoogleGroupsParser()),
            new Entry(KddiParser::recognises, new KddiParser()),
            new Entry(FmlParser::recognises, new FmlParser()),
            new Entry(GmailParser::recognises, new GmailParser()),
            new Entry(YahooParser::recognises, new YahooParser()),
            new Entry(QmailParser::recognises, new QmailParser()),
            new Entry(ZohoParser::recognises, new ZohoParser()),
            new Entry(EximParser::isGmx, new EximParser("gmx", false)),
            new Entry(EximParser::isMailRu, new EximParser("mailru", false)),
            new Entry(EximParser::recognises, new EximParser()),
            new Entry(SendmailParser::recognises, new SendmailParser()),
            new Entry(NotesParser::recognises, new NotesParser()),
            // The formats below differ only in their markers, from Sisimai's lib/Sisimai/Lhost/<name>.pm; their own
            // fixed sentences, if any, are data: rules/phrases/mta-wording.yaml, under the parser's name.
            new Entry(m -> m.text().contains("This is the DragonFly Mail Agent"), new NamedNoticeParser("dragonfly")),
            new Entry(m -> m.text().contains("This is the MAILER-DAEMON, please DO NOT REPLY"),
                    new NamedNoticeParser("opensmtpd")),
            new Entry(m -> m.text().contains("This is the mail system at host")
                    || m.text().contains("This is the Postfix program at host"), new NamedNoticeParser("postfix")),
            new Entry(Exchange2003Parser::recognises, new Exchange2003Parser()),
            new Entry(EzwebParser::recognises, new EzwebParser()),
            new Entry(m -> m.headers().first("x-mailer").startsWith("<SMTP32"), new NamedNoticeParser("imailserver")),
            new Entry(m -> m.headers().first("x-mailer").equals("m-FILTER"), new NamedNoticeParser("mfilter")),
            // InterScanMSS.pm
            new Entry(m -> m.text().contains("Message from InterScan Messaging Security Suite"),
                    new NamedNoticeParser("trendmicro")),
            // Domino.pm: "DELIVERY FAILURE: ..." subjects.
            new Entry(m -> m.subjectLower().startsWith("delivery failure:")
                    || m.subjectLower().startsWith("delivery_failure:"), new NamedNoticeParser("domino")),
            // Verizon.pm
            new Entry(MtaParsers::isVerizon, new NamedNoticeParser("verizon")));

    /** Parsers that read a standard delivery-status report their own way, tried before the RFC 3464 parser. */
    private final List<Entry> standard = List.of(
            new Entry(McAfeeParser::recognises, new McAfeeParser()));

    /** Verizon Wireless's gateways: the SMS gateway at vtext.com, the MMS gateway's sysadmin at vzwpix.com. */
    private static boolean isVerizon(ReturnedMail mail) {
        String from = mail.fromAddress();
        return from.equals("post_master@vtext.com") || (from.startsWith("sysadmin@") && from.endsWith(".vzwpix.com"));
    }

    /** The parsers of standard reports whose evidence the message carries; usually none. */
    public List<FormatParser> standardReaders(ReturnedMail mail) {
        List<FormatParser> found = new ArrayList<>(1);
        for (Entry e : standard) {
            if (e.evidence.test(mail)) {
                found.add(e.parser);
            }
        }
        return found;
    }

    /**
     * Exchange 2007+ and Office 365 reports without a delivery-status part, and the MTAs whose notices differ only
     * in the markers of their layout: each from its Sisimai module, after the formats above.
     */
    private final List<Entry> laidOut = concat(List.of(new Entry(ExchangeNdrParser::recognises,
            new ExchangeNdrParser())), MarkedNoticeFormats.ALL);

    private static List<Entry> concat(List<Entry> first, List<Entry> second) {
        List<Entry> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    /** The parsers whose evidence the message carries, most specific first; usually none or one. */
    public List<FormatParser> candidates(ReturnedMail mail) {
        List<FormatParser> found = new ArrayList<>(1);
        for (Entry e : entries) {
            if (e.evidence.test(mail)) {
                found.add(e.parser);
            }
        }
        for (Entry e : laidOut) {
            if (e.evidence.test(mail)) {
                found.add(e.parser);
            }
        }
        return found;
    }
}
