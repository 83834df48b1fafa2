package org.rebound.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * Finds the sent message a bounce belongs to, by the original Message-ID, in the sending system's table (whose
 * name and columns are configured). Where the table holds one row per recipient, the row of the bounced
 * recipient wins.
 */
public final class SentMessageFinder {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final DataSource dataSource;
    private final String query;

    public SentMessageFinder(DataSource dataSource, SentMessageTable table) {
        this.dataSource = dataSource;
        this.query = "SELECT " + table.messageId() + ", " + table.recipient() + ", " + table.deliveryId()
                + " FROM " + table.name() + " WHERE " + table.messageId() + " = ?";
    }

    /** The table and column names of the sending system's log; each is checked as an SQL identifier. */
    public record SentMessageTable(String name, String messageId, String recipient, String deliveryId) {
        public SentMessageTable {
            for (String identifier : new String[] {name, messageId, recipient, deliveryId}) {
                if (!IDENTIFIER.matcher(identifier).matches()) {
                    throw new IllegalArgumentException("not an SQL identifier: '" + identifier + "'");
                }
            }
        }
    }

    public BounceEvent correlate(BounceEvent event) throws SQLException {
        String messageId = event.report().original().messageId();
        if (messageId.isEmpty()) {
            return event;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, messageId);
            Correlation best = Correlation.NONE;
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    Correlation found = new Correlation("message-id", rows.getString(1), rows.getString(3));
                    if (rows.getString(2).equalsIgnoreCase(event.recipient().finalRecipient())) {
                        return event.correlatedWith(found);
                    }
                    if (!best.matched()) {
                        best = found;
                    }
                }
            }
            return event.correlatedWith(best);
        }
    }
}
