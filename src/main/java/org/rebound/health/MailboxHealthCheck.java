package org.rebound.health;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.rebound.pipeline.StuckMessages;

/**
 * DOWN while windows fail and fetching backs off, naming the last failure; while a poll is stuck; and while
 * messages that could be neither recorded nor dead-lettered wait in the mailbox.
 */
public final class MailboxHealthCheck extends AbstractHealthCheck {

    private final PollPacer pacer;
    private final StuckMessages stuckMessages;

    public MailboxHealthCheck(PollPacer pacer, StuckMessages stuckMessages) {
        super("rebound", "pipeline");
        this.pacer = pacer;
        this.stuckMessages = stuckMessages;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Optional<Instant> stuck = pacer.stuckSince();
        if (stuck.isPresent()) {
            builder.message("a window has been fetched, understood and recorded since " + stuck.get()
                    + ", longer than rebound.mailbox.window-stuck-after (" + pacer.stuckAfter() + ")").down();
            return;
        }
        if (stuckMessages.count() > 0) {
            builder.message(stuckMessages.count() + " message(s) could be neither recorded nor dead-lettered and "
                    + "stay in the mailbox, tried again later; the latest: "
                    + stuckMessages.latest().map(StuckMessages.Stuck::cause).orElse("")).down();
            return;
        }
        pacer.failure().ifPresentOrElse(
                cause -> builder.message("windows fail, fetching backs off: " + cause).down(),
                builder::up);
    }
}
