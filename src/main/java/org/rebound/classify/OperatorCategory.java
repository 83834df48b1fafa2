package org.rebound.classify;

/** The coarse failure categories that Adobe Campaign shows its operators, which this project's users know. */
public enum OperatorCategory {
    USER_UNKNOWN("User unknown"),
    INVALID_DOMAIN("Invalid domain"),
    MAILBOX_FULL("Mailbox full"),
    ACCOUNT_DISABLED("Account disabled"),
    REFUSED("Refused"),
    UNREACHABLE("Unreachable"),
    NOT_CONNECTED("Not connected"),
    IGNORED("Ignored"),
    COMPLAINT("Complaint");

    private final String label;

    OperatorCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static OperatorCategory parse(String text) {
        for (OperatorCategory c : values()) {
            if (c.label.equalsIgnoreCase(text.trim()) || c.name().equalsIgnoreCase(text.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown operator category: " + text);
    }
}
