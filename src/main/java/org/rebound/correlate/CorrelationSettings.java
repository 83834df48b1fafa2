package org.rebound.correlate;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How bounces are tied to sent messages.
 *
 * @param order               the key types to try, first to last
 * @param verpPattern         finds the VERP token in the bounce address; its first group is the token
 * @param customHeader        the header of the sent message whose value is looked up, such as X-Campaign-Id
 * @param recipientTimeWindow how long before a bounce the message it reports on may have been sent, for the
 *                            recipient-and-time key
 * @param verpSignature       when VERP tokens are signed, what checks them: an unsigned or wrongly signed token
 *                            then correlates with nothing; empty when tokens are not signed
 */
public record CorrelationSettings(List<KeyType> order, Pattern verpPattern, String customHeader,
                                  Duration recipientTimeWindow, Optional<VerpSignature> verpSignature) {

    public static final String ORDER = "rebound.correlation.order";
    public static final String VERP_PATTERN = "rebound.correlation.verp-pattern";
    public static final String CUSTOM_HEADER = "rebound.correlation.custom-header";
    public static final String RECIPIENT_TIME_WINDOW = "rebound.correlation.recipient-time-window";
    public static final String VERP_SECRET = "rebound.correlation.verp-secret";

    /** RFC 5322 section 3.6.8: a field name is printable US-ASCII other than the colon. */
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");

    public static final CorrelationSettings DEFAULTS = new CorrelationSettings(
            KeyType.parseOrder("message-id,envelope-id,verp,custom-header"),
            Pattern.compile("^bounces\\+([^@]+)@"), "X-Campaign-Id", Duration.ofDays(7), Optional.empty());

    public CorrelationSettings {
        order = List.copyOf(order);
        if (order.isEmpty() || order.size() != order.stream().distinct().count()) {
            throw new IllegalArgumentException(ORDER + " must name each key type at most once, and one at least: "
                    + order);
        }
        Objects.requireNonNull(verpPattern, VERP_PATTERN);
        if (verpPattern.matcher("").groupCount() < 1) {
            throw new IllegalArgumentException(VERP_PATTERN + " must have a group that captures the token: "
                    + verpPattern);
        }
        Objects.requireNonNull(customHeader, CUSTOM_HEADER);
        if (!customHeader.isEmpty() && !FIELD_NAME.matcher(customHeader).matches()) {
            throw new IllegalArgumentException(CUSTOM_HEADER + " must be a header field name: '" + customHeader + "'");
        }
        if (customHeader.isEmpty() && order.contains(KeyType.CUSTOM_HEADER)) {
            throw new IllegalArgumentException(ORDER + " names custom-header but " + CUSTOM_HEADER + " is empty");
        }
        Objects.requireNonNull(recipientTimeWindow, RECIPIENT_TIME_WINDOW);
        if (recipientTimeWindow.isNegative() || recipientTimeWindow.isZero()) {
            throw new IllegalArgumentException(RECIPIENT_TIME_WINDOW + " must be positive: " + recipientTimeWindow);
        }
        Objects.requireNonNull(verpSignature, VERP_SECRET);
    }

    /**
     * Reads the settings from configuration properties; an absent key keeps its default. The window is an ISO-8601
     * duration ({@code P7D}).
     */
    public static CorrelationSettings fromProperties(Map<String, String> properties) {
        String orderText = properties.getOrDefault(ORDER, "").trim();
        String verp = properties.getOrDefault(VERP_PATTERN, "").trim();
        String window = properties.getOrDefault(RECIPIENT_TIME_WINDOW, "").trim();
        String secret = properties.getOrDefault(VERP_SECRET, "");
        return new CorrelationSettings(
                orderText.isEmpty() ? DEFAULTS.order() : order(orderText),
                verp.isEmpty() ? DEFAULTS.verpPattern() : compile(verp),
                properties.getOrDefault(CUSTOM_HEADER, DEFAULTS.customHeader()).trim(),
                window.isEmpty() ? DEFAULTS.recipientTimeWindow() : duration(window),
                secret.isEmpty() ? Optional.empty() : Optional.of(signature(secret)));
    }

    private static VerpSignature signature(String secret) {
        try {
            return new VerpSignature(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VERP_SECRET + ": " + e.getMessage(), e);
        }
    }

    private static List<KeyType> order(String text) {
        try {
            return KeyType.parseOrder(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ORDER + ": " + e.getMessage(), e);
        }
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(VERP_PATTERN + " is not a regular expression: " + e.getMessage(), e);
        }
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(RECIPIENT_TIME_WINDOW + " must be an ISO-8601 duration such as P7D: '"
                    + text + "'", e);
        }
    }
}
