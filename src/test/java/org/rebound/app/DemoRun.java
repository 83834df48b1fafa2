package org.rebound.app;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The demo's run as a test holds it: Rebound on its shipped settings, the demo's bounces in a real POP3 mailbox on
 * loopback, the sender's log filled as the demo fills it, and the mailbox drained; the summary the demo prints.
 */
final class DemoRun implements AutoCloseable {

    final RunningRebound rebound;
    final int sentLogged;
    final PipelineSummary summary;

    private DemoRun(RunningRebound rebound, int sentLogged, PipelineSummary summary) {
        this.rebound = rebound;
        this.sentLogged = sentLogged;
        this.summary = summary;
    }

    static DemoRun drained(TestDatabase db, UnaryOperator<Settings> adjust) throws Exception {
        RunningRebound rebound = RunningRebound.start(db, s -> adjust.apply(s
                .with("rebound.non-bounce.policy", "dead-letter")));
        try {
            List<byte[]> messages = DemoCommand.demoMessages();
            int sent = DemoCommand.logSentMessages(rebound.server.dataSource(), messages);
            messages.forEach(rebound.mailbox::deliver);
            PipelineSummary summary = PipelineSummary.awaitDrained(rebound.server, rebound.mailbox,
                    rebound.subscriber, messages.size(), Duration.ofMinutes(2));
            if (!summary.drained()) {
                throw new AssertionError("the demo's mailbox did not drain: " + summary);
            }
            return new DemoRun(rebound, sent, summary);
        } catch (Exception | Error e) {
            rebound.close();
            throw e;
        }
    }

    /** An address of the management server (health, metrics, Jolokia). */
    URI management(String path) {
        return URI.create("http://127.0.0.1:" + rebound.settings.text("camel.management.port") + path);
    }

    @Override
    public void close() throws Exception {
        rebound.close();
    }
}
