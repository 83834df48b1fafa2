package org.rebound.mailbox;

import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.iap.ResponseHandler;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;

/**
 * Tells new mail in a selected IMAP folder from the server's untagged responses on one connection: EXISTS gives the
 * folder's message count (RFC 3501 section 7.3.1), EXPUNGE takes one message away (section 7.4.1). Only a count above
 * the one known is new mail: a server may repeat EXISTS with the count it already gave (at the start of an IDLE, or
 * after expunges), and taking that for new mail would poll without pause.
 *
 * <p>Called on the thread that reads the connection's responses, which is the one that asks {@link #arrived()}.
 */
final class MessageArrivals implements ResponseHandler {

    private int count;
    private boolean arrived;

    /** @param count the folder's message count when it was selected */
    MessageArrivals(int count) {
        this.count = count;
    }

    @Override
    public void handleResponse(Response r) {
        if (!(r instanceof IMAPResponse untagged) || !untagged.isUnTagged()) {
            return;
        }
        if (untagged.keyEquals("EXISTS")) {
            if (untagged.getNumber() > count) {
                arrived = true;
            }
            count = untagged.getNumber();
        } else if (untagged.keyEquals("EXPUNGE")) {
            count = Math.max(0, count - 1);
        }
    }

    /** Whether new mail arrived since the last {@link #reset()}. */
    boolean arrived() {
        return arrived;
    }

    /** Before a wait: what arrived earlier was read by the poll that followed. */
    void reset() {
        arrived = false;
    }
}
