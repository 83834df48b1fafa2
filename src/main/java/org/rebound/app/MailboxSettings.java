package org.rebound.app;

import java.time.Duration;

import org.rebound.mailbox.MailboxAccount;

/** Reads and checks the rebound.mailbox.* settings. */
final class MailboxSettings {

    private MailboxSettings() {
    }

    static MailboxAccount account(Settings settings) {
        Duration timeout = settings.duration("rebound.mailbox.timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new SettingsException("setting rebound.mailbox.timeout: expected a positive duration, got "
                    + timeout);
        }
        return new MailboxAccount(
                settings.choice("rebound.mailbox.protocol", MailboxAccount.Protocol.class,
                        MailboxAccount.Protocol::parse),
                settings.text("rebound.mailbox.host"),
                settings.integer("rebound.mailbox.port", 1, 65535),
                settings.text("rebound.mailbox.user"),
                settings.optionalText("rebound.mailbox.password"),
                timeout);
    }

    static int window(Settings settings) {
        return settings.integer("rebound.mailbox.window", 1, 100_000);
    }

    static int sessionMessages(Settings settings) {
        return settings.integer("rebound.mailbox.session-messages", 1, Integer.MAX_VALUE);
    }
}
