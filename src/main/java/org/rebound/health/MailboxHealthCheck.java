package org.rebound.health;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** DOWN while windows fail and fetching backs off, naming the last failure, or while a poll is stuck. */
public final class MailboxHealthCheck extends AbstractHealthCheck {

    private final PollPacer pacer;

    public MailboxHealthCheck(PollPacer pacer) {
        super("rebound", "pipeline");
        this.pacer = pacer;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Optional<Instant> stuck = pacer.stuckSince();
        if (stuck.isPresent()) {
            builder.message("a window has been fetched, understood and recorded since " + stuck.get()
                    + ", longer than rebound.mailbox.window-stuck-after (" + pacer.stuckAfter() + ")").down();
            return;
        }
        pacer.failure().ifPresentOrElse(
                cause -> builder.message("windows fail, fetching backs off: " + cause).down(),
                builder::up);
    }
}
