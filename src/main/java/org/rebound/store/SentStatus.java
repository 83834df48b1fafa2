package org.rebound.store;

import java.util.Locale;

import org.rebound.classify.BounceType;
import org.rebound.classify.Reason;
import org.rebound.dsn.Action;
import org.rebound.message.BounceEvent;

/** What a bounce event says about the sent message, as written to the sending system's status column. */
public enum SentStatus {
    DELIVERED, DELAYED, HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, AUTO_REPLY;

    public static SentStatus of(BounceEvent event) {
        Reason reason = event.result().reason();
        if (reason == Reason.FEEDBACK) {
            return COMPLAINT;
        }
        if (reason == Reason.VACATION) {
            return AUTO_REPLY;
        }
        if (reason == Reason.DELIVERED) {
            return DELIVERED;
        }
        if (event.recipient().action() == Action.DELAYED) {
            return DELAYED;
        }
        return event.result().type() == BounceType.HARD ? HARD_BOUNCE : SOFT_BOUNCE;
    }

    public static SentStatus parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
