package org.rebound.text;

/**
 * White space to fold a text onto one line by: each run of it becomes one space, and none is left at either end.
 * Most texts are on one line already and come back as they are, without a copy.
 */
public enum Whitespace {

    /** RFC 5322 section 2.2.3's folding white space, CR, LF and the space and tab (WSP) around them. */
    FOLDING,
    /** The space and every control character (U+0000 to U+001F): a server's words quoted in a notice. */
    SPACE_AND_CONTROLS;

    /** Whether a character is white space of this kind. */
    public boolean is(char c) {
        return this == FOLDING ? c == ' ' || c == '\t' || c == '\r' || c == '\n' : c <= ' ';
    }

    /** The text on one line: each run of this white space one space, none at either end. */
    public String collapse(CharSequence text) {
        if (text instanceof String s && isCollapsed(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (is(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** True when the text has no white space but single spaces between words. */
    private boolean isCollapsed(String text) {
        int n = text.length();
        if (n > 0 && (text.charAt(0) == ' ' || text.charAt(n - 1) == ' ')) {
            return false;
        }
        char previous = 'x';
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ' ? previous == ' ' : is(c)) {
                return false;
            }
            previous = c;
        }
        return true;
    }
}
