package org.rebound.dsn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SMTP stage of a refusal, read from the reporting MTA's words, a transcript or a rule file. */
class SmtpCommandTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            rcpt      | RCPT
            RCPT TO   | RCPT
            helo      | EHLO
            STARTTLS  | EHLO
            end of data | DATA
            BDAT      | BDAT
            RSET      | UNKNOWN
            ''        | UNKNOWN
            """)
    void parseReadsCommandWords(String text, SmtpCommand expected) {
        assertEquals(expected, SmtpCommand.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command)      | RCPT
            host mx.example.org[192.0.2.1] said: 554 5.7.1 Spam (in reply to end of DATA command)          | DATA
            SMTP error from remote mail server after MAIL FROM:<s@example.org> SIZE=1024: 550 Go away     | MAIL
            SMTP error from remote mail server after end of data: 550 User unknown                        | DATA
            SMTP error from remote mail server after initial connection: 554 No PTR                       | CONN
            192.0.2.1 does not like recipient. Remote host said: 550 No such user                         | RCPT
            -------server message 550 unknown user <u@example.com> -------SMTP command DATA               | DATA
            550 5.1.1 The email account that you tried to reach does not exist                           | UNKNOWN
            550 the data you sent is not wanted                                                           | UNKNOWN
            """)
    void findReadsTheStageTheTextNames(String text, SmtpCommand expected) {
        assertEquals(expected, SmtpCommand.find(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a@example.org | RCPT
            b@example.org | DATA
            c@example.org | DATA
            """)
    void transcriptTellsTheStageOfEachRecipient(String recipient, SmtpCommand expected) {
        String transcript = """
                ... while talking to mx.example.org.:
                >>> RCPT To:<a@example.org>
                <<< 550 5.1.1 <a@example.org>... User unknown
                >>> DATA
                <<< 550 5.2.1 <b@example.org>... Mailbox disabled
                <<< 503 5.0.0 Need RCPT (recipient)
                >>> QUIT
                """;
        assertEquals(expected, SmtpCommand.inTranscript(transcript, recipient));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            host mx.example.org said: 550 User unknown (in reply to RCPT TO command)
            ''
            """)
    void textWithoutTranscriptHasNoTranscriptStage(String text) {
        assertEquals(SmtpCommand.UNKNOWN, SmtpCommand.inTranscript(text, "a@example.org"));
    }
}
