package org.rebound.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rebound.app.TestMail.Failure;
import org.rebound.mailbox.MailboxAccount;

/**
 * A second mailbox is configuration and YAML alone: its settings (rebound.mailboxes.second.*) and one more route file
 * (src/test/resources/routes-second-mailbox/, the route README.md shows). Here the first mailbox is POP3 and the
 * second IMAP; both drain into the one pipeline.
 */
class SecondMailboxIT {

    @Test
    void bouncesInASecondMailboxAreRecordedAlongsideTheFirstOnes() throws Exception {
        try (DemoMailbox second = new DemoMailbox(MailboxAccount.Protocol.IMAP);
             RunningRebound rebound = RunningRebound.start(TestDatabase.h2(), MailboxAccount.Protocol.POP3,
                     s -> second.configure(s, "rebound.mailboxes.second.")
                             .with("camel.main.routes-include-pattern", "file:routes/*.camel.yaml,file:"
                                     + Path.of("src/test/resources/routes-second-mailbox").toAbsolutePath()
                                     + "/*.camel.yaml"))) {
            for (int i = 0; i < 4; i++) {
                rebound.logSent("s" + i + "@sender.example", "s" + i + "@recipient.example", "winter", null);
                DemoMailbox into = i % 2 == 0 ? rebound.mailbox : second;
                into.deliver(TestMail.dsn("s" + i + "@sender.example",
                        List.of(new Failure("s" + i + "@recipient.example", "5.1.1", "550 5.1.1 User unknown"))));
            }

            // The IMAP mailbox's moves come after the commit of their window, and its INBOX can read empty before
            // the last move's copy shows in the folder: wait for the folder too.
            RunningRebound.await("both mailboxes drained", Duration.ofSeconds(60),
                    () -> rebound.mailbox.messageCount() == 0 && second.messageCount() == 0
                            && second.messageCount("Rebound-Processed") == 2
                            && rebound.count("SELECT COUNT(*) FROM bounce_event") == 4);

            assertEquals(List.of("s0@recipient.example", "s1@recipient.example", "s2@recipient.example",
                    "s3@recipient.example"), rebound.rows("SELECT recipient FROM bounce_event ORDER BY recipient"));
            assertEquals(2, second.messageCount("Rebound-Processed"));
        }
    }
}
