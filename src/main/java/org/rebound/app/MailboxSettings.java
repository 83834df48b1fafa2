package org.rebound.app;

import java.util.Locale;

/** Checks the rebound.mailbox.* settings that the fetch route's endpoint URI is built from. */
final class MailboxSettings {

    /** The mail protocols Rebound reads returned mail with. */
    enum Protocol {
        POP3, POP3S;

        static Protocol parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    private MailboxSettings() {
    }

    static void check(Settings settings) {
        settings.choice("rebound.mailbox.protocol", Protocol.class, Protocol::parse);
        settings.text("rebound.mailbox.host");
        settings.integer("rebound.mailbox.port", 1, 65535);
        settings.text("rebound.mailbox.user");
        settings.optionalText("rebound.mailbox.password");
        settings.integer("rebound.mailbox.poll-delay", 10, 86_400_000);
        settings.integer("rebound.mailbox.window", 1, 100_000);
    }
}
