package org.rebound.dsn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Finds and normalises mail addresses in header values and bounce text. */
public final class Addresses {


    private Addresses() {
    }

    /** The first address in a text, lower-cased and without angle brackets, or empty. */
    public static String first(CharSequence text) {
        List<String> found = scan(text, true);
        return found.isEmpty() ? "" : found.get(0);
    }

    /** Every address in a text, in order, normalised, without repeats. */
    public static List<String> all(CharSequence text) {
        return scan(text, false);
    }

    /**
     * Finds addresses around each '@': the local part is the run of atom characters before it, the domain the
     * run of letters, digits, '-' and '.' after it (a practical addr-spec, RFC 5321 section 4.1.2, without quoted local
     * parts), found without a regular expression: scanning a whole notice with one is the parser's most expensive step otherwise).
     */
    private static List<String> scan(CharSequence text, boolean firstOnly) {
        List<String> found = new ArrayList<>(2);
        int length = text.length();
        for (int at = 0; at < length; at++) {
            if (text.charAt(at) != '@') {
                continue;
            }
            int start = at;
            while (start > 0 && isLocal(text.charAt(start - 1))) {
                start--;
            }
            int end = at + 1;
            while (end < length && isDomain(text.charAt(end))) {
                end++;
            }
            while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
                end--;
            }
            if (start == at || end == at + 1 || !Character.isLetterOrDigit(text.charAt(at + 1))) {
                continue;
            }
            start = afterAttributeName(text, start, at);
            String a = normalise(text.subSequence(start, end).toString());
            if (!a.isEmpty() && a.indexOf('@') > 0 && !found.contains(a)) {
                found.add(a);
                if (firstOnly) {
                    return found;
                }
            }
        }
        return found;
    }

    /**
     * Exchange and X.400 gateways write an address as an attribute: "SMTP=user@example.com" (Exchange's
     * "dda:SMTP=", a domain-defined attribute of an X.400 O/R address, RFC 2156 section 4.2.2) or "RFC-822=" (RFC 2156
     * section 4.2.1). '=' is an atom character, so the scan would take the attribute's name into the local part:
     * the address starts after it.
     */
    private static int afterAttributeName(CharSequence text, int start, int at) {
        char c = text.charAt(start);
        if (c != 's' && c != 'S' && c != 'r' && c != 'R') {
            return start;
        }
        for (String name : ATTRIBUTE_NAMES) {
            int end = start + name.length();
            if (end < at && startsWithIgnoreCase(text, start, name)) {
                return end;
            }
        }
        return start;
    }

    private static boolean startsWithIgnoreCase(CharSequence text, int start, String lowerName) {
        for (int i = 0; i < lowerName.length(); i++) {
            if (Character.toLowerCase(text.charAt(start + i)) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static final String[] ATTRIBUTE_NAMES = {"smtp=", "rfc-822=", "rfc822="};

    private static boolean isLocal(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~.-".indexOf(c) >= 0);
    }

    private static boolean isDomain(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '.');
    }

    /**
     * An RFC 3464 address field ("rfc822; user@example.org") or a plain address: the address, lower-cased. When
     * the value holds no recognisable address the bare value is kept (minus its type), still lower-cased.
     */
    public static String fromTypedField(String field) {
        int semicolon = field.indexOf(';');
        String value = (semicolon >= 0 ? field.substring(semicolon + 1) : field).trim();
        if (value.indexOf('@') < 0) {
            value = fromX400(value);
        }
        String address = first(value);
        if (!address.isEmpty()) {
            return address;
        }
        return stripBrackets(value).toLowerCase(Locale.ROOT);
    }

    /**
     * An X.400 O/R address (RFC 3464 address-type "x400"): the RFC 822 address it carries, in its "RFC-822="
     * attribute or an Exchange "DDA:SMTP=" one, with RFC 2156 section 4.3's printable-string escapes undone
     * ("(a)" is '@', "(p)" '%', "(b)" '!', "(q)" '"', "(u)" '_', "(lp)" '(', "(rp)" ')'); else the value unchanged.
     */
    static String fromX400(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        int attribute = lower.indexOf("rfc-822=");
        int length = "rfc-822=".length();
        if (attribute < 0) {
            attribute = lower.indexOf("smtp=");
            length = "smtp=".length();
        }
        if (attribute < 0) {
            return value;
        }
        int start = attribute + length;
        int end = start;
        while (end < value.length() && value.charAt(end) != '/' && value.charAt(end) != ';'
                && !Character.isWhitespace(value.charAt(end))) {
            end++;
        }
        String encoded = value.substring(start, end);
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            int close = c == '(' ? encoded.indexOf(')', i) : -1;
            String escape = close > i ? encoded.substring(i + 1, close).toLowerCase(Locale.ROOT) : "";
            String decoded = switch (escape) {
                case "a" -> "@";
                case "p" -> "%";
                case "b" -> "!";
                case "q" -> "\"";
                case "u" -> "_";
                case "lp" -> "(";
                case "rp" -> ")";
                default -> null;
            };
            if (decoded != null) {
                out.append(decoded);
                i = close;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Exchange's IMCEA encapsulation of a foreign address in its own domain ("IMCEASMTP-user+40example+2Ecom@
     * exchange.example", '+' and two hex digits for each special character): the encapsulated address.
     */
    private static String fromImcea(String address) {
        if (!address.startsWith("imceasmtp-")) {
            return address;
        }
        String local = address.substring("imceasmtp-".length(), address.lastIndexOf('@'));
        StringBuilder out = new StringBuilder(local.length());
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '+' && i + 2 < local.length() && isHex(local.charAt(i + 1)) && isHex(local.charAt(i + 2))) {
                out.append((char) Integer.parseInt(local, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        String decoded = out.toString();
        return decoded.indexOf('@') > 0 ? decoded : address;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String normalise(String address) {
        String a = address;
        while (a.startsWith(".") || a.startsWith("'")) {
            a = a.substring(1);
        }
        while (a.endsWith(".") || a.endsWith("-")) {
            a = a.substring(0, a.length() - 1);
        }
        return fromImcea(a.toLowerCase(Locale.ROOT));
    }

    private static String stripBrackets(String value) {
        String v = value;
        if (v.startsWith("<")) {
            v = v.substring(1);
        }
        if (v.endsWith(">")) {
            v = v.substring(0, v.length() - 1);
        }
        return v.trim();
    }

    /** A Message-ID without angle brackets or white space, or empty. */
    public static String messageId(String value) {
        String v = value.trim();
        int lt = v.indexOf('<');
        int gt = lt >= 0 ? v.indexOf('>', lt) : -1;
        if (lt >= 0 && gt > lt) {
            v = v.substring(lt + 1, gt);
        }
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c > ' ' && c != '<' && c != '>') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
