package org.rebound.pipeline;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rebound.message.Disposition;
import org.rebound.message.ReturnedMessage;
import org.rebound.message.Window;
import org.rebound.store.ReceivedMessages;

/**
 * The first step of a window: drops the messages Rebound has dealt with before (fetched again after a crash
 * between commit and delete, or kept in the mailbox), the second copies of a message within the window, so
 * that nothing is recorded twice, and the messages held back as stuck. One query for the whole window. The window
 * goes on with the new messages only, and names those dealt with before (not kept), which may leave the mailbox.
 */
public final class WindowIntake {

    private final ReceivedMessages received;
    private final StuckMessages stuck;

    public WindowIntake(ReceivedMessages received, StuckMessages stuck) {
        this.received = received;
        this.stuck = stuck;
    }

    public Window newMessages(Window window) throws SQLException {
        Map<String, List<ReturnedMessage>> byContent = new LinkedHashMap<>();
        for (ReturnedMessage m : window.messages()) {
            if (stuck.skip(m)) {
                // It could neither be recorded nor dead-lettered a moment ago: it waits for its retry time.
                continue;
            }
            byContent.computeIfAbsent(m.contentHash(), h -> new ArrayList<>()).add(m);
        }
        Map<String, Disposition.Outcome> before = received.outcomes(byContent.keySet());
        List<ReturnedMessage> fresh = new ArrayList<>();
        Set<String> handledBefore = new LinkedHashSet<>();
        for (List<ReturnedMessage> sameContent : byContent.values()) {
            ReturnedMessage first = sameContent.get(0);
            Disposition.Outcome outcome = before.get(first.contentHash());
            if (outcome == null) {
                // Its copies share its content hash, and so its fate in the mailbox.
                fresh.add(first);
            } else if (outcome != Disposition.Outcome.KEPT) {
                handledBefore.add(first.contentHash());
            }
        }
        return window.onlyNew(fresh, handledBefore);
    }
}
