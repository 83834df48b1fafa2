package org.rebound.correlate;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks VERP tokens, so that a bounce address names a sent message and its recipient in a way no one
 * without the secret can forge or alter. The sender writes the return path as {@code bounces+TOKEN.SIGNATURE@...}:
 * TOKEN is the value of its VERP column for that message, SIGNATURE the first 20 hexadecimal digits (80 bits) of
 * HMAC-SHA256 (RFC 2104) keyed with the secret over {@code TOKEN + "\n" + recipient in lower case}. Lower-case
 * hexadecimal survives servers that change the case of a local part. A token whose signature does not check out
 * against the recipient of the sent message it names correlates with nothing.
 */
public final class VerpSignature {

    /** Hexadecimal digits of the signature kept in the address. */
    public static final int LENGTH = 20;

    /** A signed token as it appears in the local part: the token, a dot, the signature. */
    private static final Pattern SIGNED = Pattern.compile("^(.+)\\.([0-9a-fA-F]{" + LENGTH + "})$");

    private final SecretKeySpec key;

    public VerpSignature(String secret) {
        if (secret.length() < 16) {
            throw new IllegalArgumentException("a VERP secret needs 16 characters at least");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The signature of a token for a recipient. */
    public String sign(String token, String recipient) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((token + "\n" + recipient.toLowerCase(Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** True when the signature is the token's for this recipient (compared in constant time). */
    public boolean verifies(String token, String signature, String recipient) {
        return MessageDigest.isEqual(sign(token, recipient).getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** The token and signature of a signed value from the bounce address, or a key with no signature. */
    static CorrelationKey.VerpToken split(String value) {
        Matcher m = SIGNED.matcher(value);
        return m.matches() ? new CorrelationKey.VerpToken(m.group(1), m.group(2))
                : new CorrelationKey.VerpToken(value, "");
    }

    @Override
    public String toString() {
        return "VerpSignature[HmacSHA256, secret not shown]";
    }
}
