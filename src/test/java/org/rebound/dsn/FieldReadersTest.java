package org.rebound.dsn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rebound.app.Mbox;
import org.rebound.dsn.format.PseudoStatus;
import org.rebound.dsn.format.RecipientFacts;

/** The small readers the format parsers share: status and reply codes, addresses, DSN field blocks, mbox files. */
class FieldReadersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "550 5.1.1 <a@example.org>... User unknown|5.1.1",
            "Remote host said: 554 #5.7.1 rejected|5.7.1",
            "host 10.5.1.1 said: 550 no|''",
            "smtp; 421 4.4.2 Connection timed out|4.4.2"})
    void statusCodeIsFoundOutsideDottedNumbers(String text, String expected) {
        assertEquals(expected, StatusCode.find(text).map(StatusCode::toString).orElse(""));
    }

    @Test
    void transcriptFailureCodeOutranksEarlierSuccessCodes() {
        assertEquals(Optional.of(new StatusCode(4, 3, 0)),
                StatusCode.findFailure("Out: 250 2.1.0 Ok Out: 250 2.1.5 Ok Out: 451 4.3.0 Error: queue file write error"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "550 5.1.1 unknown|550",
            "550-5.7.1 blocked|550",
            "host mx.example.org[192.0.2.1] said: 452 4.2.2 full|452",
            "Size (in bytes): 222|''",
            "250 2.1.5 Ok|250",
            "[192.0.2.153]:25: socket error|''"})
    void replyCodeIsAStandaloneThreeDigitCode(String text, String expected) {
        assertEquals(expected, ReplyCode.find(text));
    }

    @Test
    void addressesAreFoundLowerCasedWithoutBrackets() {
        assertEquals(List.of("one@example.org", "two@example.net"),
                Addresses.all("To: <One@Example.ORG>, two@example.net. (one@example.org again)"));
    }

    @Test
    void typedAddressFieldKeepsTheAddress() {
        assertEquals("user@example.org", Addresses.fromTypedField("rfc822; <User@Example.org>"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "x400; /C=US/ADMD= /PRMD=EXAMPLE/RFC-822=user(a)example.org/ | user@example.org",
        "x400; /RFC-822=first(u)last(a)example.org/                  | first_last@example.org",
        "rfc822; dda:SMTP=User@Example.org                          | user@example.org",
        "rfc822; SMTP:user@example.org                              | user@example.org",
        "rfc822; IMCEASMTP-user+40example+2Eorg@exchange.example     | user@example.org",
    })
    void exchangeAndX400AddressFormsGiveTheRfc822Address(String field, String expected) {
        assertEquals(expected, Addresses.fromTypedField(field));
    }

    @Test
    void messageIdLosesBracketsAndSpace() {
        assertEquals("abc@example.org", Addresses.messageId(" <abc@example.org> "));
    }

    @Test
    void deliveryStatusBlocksSplitOnEmptyLinesAndRepeatedFields() {
        DeliveryStatusFields fields = DeliveryStatusFields.parse("""
                Reporting-MTA: dns; mx.example.org

                Final-Recipient: rfc822; a@example.net
                Action: failed
                Final-Recipient: rfc822; b@example.net
                Action: failed

                Action: failed
                Status: 5.0.0
                Final-Recipient: rfc822; c@example.net
                """);
        assertEquals("dns; mx.example.org", fields.perMessage().first("reporting-mta"));
        assertEquals(List.of("rfc822; a@example.net", "rfc822; b@example.net", "rfc822; c@example.net"),
                fields.recipients().stream().map(h -> h.first("final-recipient")).toList());
    }

    @Test
    void wordingWithoutCodeDerivesSisimaiCode() {
        assertEquals("5.0.911", PseudoStatus.derive("550 Sorry, no such user here", "550", false)
                .map(StatusCode::toString).orElse(""));
    }

    @Test
    void temporaryWordingDerivesClassFour() {
        assertEquals("4.0.922", PseudoStatus.derive("mailbox is full, will retry", "", false)
                .map(StatusCode::toString).orElse(""));
    }

    @Test
    void userUnknownWithNoCommandShownIsFiltered() {
        String diagnostic = "550 <a@example.org>: Recipient address rejected: User unknown in local recipient table";
        assertEquals("5.0.910", PseudoStatus.byCommand(PseudoStatus.derive(diagnostic, "550", false),
                        SmtpCommand.UNKNOWN)
                .map(StatusCode::toString).orElse(""));
    }

    @Test
    void userUnknownAtRcptStaysAnUnknownUser() {
        String diagnostic = "550 5.1.1 User unknown (in reply to RCPT TO command)";
        assertEquals("5.0.911", PseudoStatus.byCommand(PseudoStatus.derive(diagnostic, "550", false),
                        SmtpCommand.find(diagnostic))
                .map(StatusCode::toString).orElse(""));
    }

    @Test
    void hostNameThatDoesNotExistAfter553IsAnUnknownHost() {
        assertEquals("5.0.912", PseudoStatus.derive("SMTP error from remote mail server after end of data: "
                + "553 mx.example.org does not exist", "553", false).map(StatusCode::toString).orElse(""));
        assertEquals("5.0.911", PseudoStatus.derive("553 <a@example.org> does not exist", "553", false)
                .map(StatusCode::toString).orElse(""));
    }

    @Test
    void blacklistedSenderAddressIsARejectedSenderNotABlockedHost() {
        assertEquals("5.0.918", PseudoStatus.derive("Sorry, you are sending to/from an address that has been "
                + "blacklisted", "", false).map(StatusCode::toString).orElse(""));
        assertEquals("5.0.971", PseudoStatus.derive("554 Your IP 192.0.2.1 is blacklisted", "554", false)
                .map(StatusCode::toString).orElse(""));
    }

    @Test
    void unexplainedWordsAboutTheRecipientAreOnHoldAndNoWordsAreUndefined() {
        RecipientStatus words = RecipientFacts.of("a@example.org", "", Action.FAILED, "",
                "Your mail could not be handled today", "", "", SmtpCommand.UNKNOWN, true);
        RecipientStatus notice = RecipientFacts.of("a@example.org", "", Action.FAILED, "",
                "Your mail could not be handled today", "", "", SmtpCommand.UNKNOWN, false);
        assertEquals("5.0.901", words.statusText());
        assertEquals("5.0.900", notice.statusText());
    }

    @Test
    void unindentedDiagnosticContinuationKeepsTheFieldsAfterIt() {
        DeliveryStatusFields fields = DeliveryStatusFields.parse("""
                Reporting-MTA: dns; mx.example.org

                Diagnostic-Code: smtp; 550-Please turn on SMTP Authentication in your mail client.
                550-mx.example.org [192.0.2.1]:25 is not permitted to
                550 relay through this server without authentication.
                Status: 5.0.0
                Action: failed
                Final-Recipient: rfc822; a@example.net
                """);
        assertEquals(1, fields.recipients().size());
        assertEquals("5.0.0", fields.recipients().get(0).first("status"));
        assertTrue(fields.recipients().get(0).first("diagnostic-code").endsWith("without authentication."));
    }

    @Test
    void userUnknownAtDataIsFiltered() {
        String diagnostic = "SMTP error from remote mail server after end of data: 550 User unknown";
        assertEquals("5.0.910", PseudoStatus.byCommand(PseudoStatus.derive(diagnostic, "550", false),
                        SmtpCommand.find(diagnostic))
                .map(StatusCode::toString).orElse(""));
    }

    @Test
    void mboxFileYieldsEachMessageUnquoted() {
        byte[] mbox = ("From a@example.org Mon Jan  1 00:00:00 2024\nSubject: one\n\n>From the start\n\n"
                + "From b@example.org Tue Jan  2 00:00:00 2024\nSubject: two\n\nbody\n").getBytes(StandardCharsets.US_ASCII);
        List<byte[]> messages = Mbox.messages(mbox);
        assertEquals(2, messages.size());
        assertEquals("Subject: one\n\nFrom the start\n\n", new String(messages.get(0), StandardCharsets.US_ASCII));
    }

    @Test
    void fromLineInsideABodyDoesNotSplitTheMessage() {
        byte[] eml = "From a@example.org Mon Jan  1 00:00:00 2024\nSubject: one\n\nFrom here on, text\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(1, Mbox.messages(eml).size());
    }
}
