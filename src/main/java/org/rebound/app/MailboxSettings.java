package org.rebound.app;

import java.time.Duration;

import org.rebound.mailbox.MailboxAccount;
import org.rebound.mailbox.WindowLimits;

/** Reads and checks the rebound.mailbox.* settings. */
final class MailboxSettings {

    private MailboxSettings() {
    }

    static MailboxAccount account(Settings settings) {
        Duration timeout = settings.duration("rebound.mailbox.timeout", Duration.ofSeconds(1));
        return new MailboxAccount(
                settings.choice("rebound.mailbox.protocol", MailboxAccount.Protocol.class,
                        MailboxAccount.Protocol::parse),
                settings.text("rebound.mailbox.host"),
                settings.integer("rebound.mailbox.port", 1, 65535),
                settings.text("rebound.mailbox.user"),
                settings.optionalText("rebound.mailbox.password"),
                timeout);
    }

    static WindowLimits window(Settings settings) {
        return new WindowLimits(settings.integer("rebound.mailbox.window", 1, 100_000),
                settings.integer("rebound.mailbox.window-bytes", 1024 * 1024, Integer.MAX_VALUE),
                settings.integer("rebound.parsing.max-message-bytes", 1024, Integer.MAX_VALUE));
    }

    static int sessionMessages(Settings settings) {
        return settings.integer("rebound.mailbox.session-messages", 1, Integer.MAX_VALUE);
    }

    static Duration windowStuckAfter(Settings settings) {
        return settings.duration("rebound.mailbox.window-stuck-after", Duration.ofSeconds(1));
    }
}
