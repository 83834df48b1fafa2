package org.rebound.dsn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rebound.dsn.mime.UnparseableMessageException;
import org.rebound.dsn.parse.ReportParser;

/**
 * Each reporting MTA's format is read by its own parser, chosen by the evidence its Sisimai module checks (one
 * corpus file per format as the table's row), and the layouts read the general case, not only those files: several
 * recipients, and the parts a report may lack.
 */
class MtaFormatSelectionTest {

    private final ReportParser parser = new ReportParser();

    @ParameterizedTest(name = "{0} is read by {1}")
    @CsvSource(delimiter = '|', value = {
        "lhost-activehunter-01.eml    | activehunter",
        "lhost-apachejames-01.eml     | apachejames",
        "lhost-biglobe-01.eml         | biglobe",
        "lhost-exim-52.eml            | exim",
        "lhost-trendmicro-01.eml      | interscanmss",
        "lhost-mailfoundry-01.eml     | mailfoundry",
        "lhost-mailmarshal-02.eml     | mailmarshalsmtp",
        "lhost-office365-01.eml       | exchange2007",
        "lhost-office365-02.eml       | exchange2007",
        "lhost-postfix-75.eml         | postfix",
        "lhost-x1-01.eml              | x1",
        "lhost-x2-01.eml              | x2",
        "lhost-x3-01.eml              | x3",
        "lhost-x6-01.eml              | x6",
    })
    void theFormatsParserReadsIt(String file, String parserName) throws Exception {
        assertEquals(parserName, parser.parse(Files.readAllBytes(CorpusSupport.EML.resolve(file))).parser());
    }

    private BounceReport parse(String message) throws UnparseableMessageException {
        return parser.parse(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> rows(BounceReport report) {
        return report.recipients().stream().map(r -> r.finalRecipient() + " " + r.statusText()).toList();
    }

    @Test
    void exchangeReportsEachRecipientOfTheAdministratorsPartWithItsReply() throws Exception {
        BounceReport report = parse("""
                From: postmaster@example.org
                To: bounces@sender.example
                Subject: Undeliverable: News

                Delivery has failed to these recipients or groups:

                one@example.net<mailto:one@example.net>
                The email address wasn't found at the destination domain.

                two@example.net<mailto:two@example.net>
                The recipient's mailbox is full.

                Diagnostic information for administrators:

                Generating server: mbx1.example.org

                one@example.net
                #550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##

                two@example.net
                Remote Server returned '552 5.2.2 mailbox full'

                Original message headers:

                From: news@sender.example
                To: one@example.net, two@example.net
                """);
        assertEquals("exchange2007", report.parser());
        assertEquals("mbx1.example.org", report.reportingMta());
        assertEquals(List.of("one@example.net 5.1.1", "two@example.net 5.2.2"), rows(report));
    }

    @Test
    void exchangeReportsWithoutAnAdministratorsPartNameTheRecipientsOfThePeoplesPart() throws Exception {
        BounceReport report = parse("""
                From: postmaster@example.org
                To: bounces@sender.example
                Subject: Undeliverable: News

                Delivery has failed to these recipients or groups:

                one@example.net<mailto:one@example.net>
                550 5.1.1 The email account that you tried to reach does not exist.
                """);
        assertEquals(List.of("one@example.net 5.1.1"), rows(report));
    }

    @Test
    void aReasonHeadingGivesTheReasonOfEveryRecipient() throws Exception {
        BounceReport report = parse("""
                From: MAILER-DAEMON@mx.example.org
                To: bounces@sender.example
                Subject: Undeliverable Mail: "News"

                Your message:
                   From:    news@sender.example
                   Subject: News

                Could not be delivered because of

                550 5.1.1 User unknown

                The following recipients were affected:
                    one@example.net
                    two@example.net

                Additional Information
                ======================
                Reporting-MTA:      <mx.example.org>
                """);
        assertEquals("mailmarshalsmtp", report.parser());
        assertEquals(List.of("one@example.net 5.1.1", "two@example.net 5.1.1"), rows(report));
    }

    @Test
    void eachRecipientLineOpensARecipientWhoseWordsFollowIt() throws Exception {
        BounceReport report = parse("""
                From: postmaster@mx.example.org
                To: bounces@sender.example
                Subject: Delivery Notification: Delivery has failed

                This report relates to a message you sent with the following header fields:

                  Message-id: <m1@sender.example>
                  From: news@sender.example
                  To: one@example.net, two@example.net
                  Subject: News

                Your message cannot be delivered to the following recipients:

                  Recipient address: one@example.net
                  Reason: Remote SMTP server has rejected address
                  Diagnostic code: smtp;550 5.1.1 <one@example.net>... User unknown

                  Recipient address: two@example.net
                  Reason: Remote SMTP server has rejected address
                  Diagnostic code: smtp;552 5.2.2 Mailbox full
                """);
        assertEquals("messagingserver", report.parser());
        assertEquals(List.of("one@example.net 5.1.1", "two@example.net 5.2.2"), rows(report));
    }

    @Test
    void aRecipientLineCarriesItsOwnReasonAfterTheAddress() throws Exception {
        BounceReport report = parse("""
                From: postmaster@example.org
                To: bounces@sender.example
                Subject: There was an error sending your mail

                We had trouble delivering your message. Full details follow:

                Subject: 'News'

                2 error(s):

                The following recipients returned permanent errors: one@example.net. Reason: SMTP Server <192.0.2.1> refused to accept your message (RCPT), with the following error message: [550 5.1.1 no such user]
                The following recipients returned permanent errors: two@example.net. Reason: SMTP Server <192.0.2.2> refused to accept your message (DATA), with the following error message: [552 5.3.4 message too big]

                The attachment contains the original mail headers.
                """);
        assertEquals("x6", report.parser());
        assertEquals(List.of("one@example.net 5.1.1", "two@example.net 5.3.4"), rows(report));
    }
}
