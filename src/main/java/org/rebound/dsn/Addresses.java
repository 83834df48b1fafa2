package org.rebound.dsn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds and normalises mail addresses in header values and bounce text. */
public final class Addresses {

    /**
     * A practical addr-spec (RFC 5321 section 4.1.2, without quoted local parts): dot-atom local part, '@', a
     * domain of labels. Good enough to pick addresses out of free text.
     */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");

    private Addresses() {
    }

    /** The first address in a text, lower-cased and without angle brackets, or empty. */
    public static String first(CharSequence text) {
        if (text.length() == 0) {
            return "";
        }
        Matcher m = ADDRESS.matcher(text);
        return m.find() ? normalise(m.group()) : "";
    }

    /** Every address in a text, in order, normalised, without repeats. */
    public static List<String> all(CharSequence text) {
        List<String> found = new ArrayList<>();
        Matcher m = ADDRESS.matcher(text);
        while (m.find()) {
            String a = normalise(m.group());
            if (!found.contains(a)) {
                found.add(a);
            }
        }
        return found;
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
