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
        String address = first(value);
        if (!address.isEmpty()) {
            return address;
        }
        return stripBrackets(value).toLowerCase(Locale.ROOT);
    }

    private static String normalise(String address) {
        String a = address;
        while (a.startsWith(".") || a.startsWith("'")) {
            a = a.substring(1);
        }
        while (a.endsWith(".") || a.endsWith("-")) {
            a = a.substring(0, a.length() - 1);
        }
        return a.toLowerCase(Locale.ROOT);
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
