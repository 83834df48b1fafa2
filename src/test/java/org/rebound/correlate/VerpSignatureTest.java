package org.rebound.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerpSignatureTest {

    private final VerpSignature signature = new VerpSignature("a-secret-of-sixteen-or-more");

    @Test
    void signsAsTheReadmesPythonExampleDoes() {
        // Python: hmac.new(secret.encode(), (token + "\n" + recipient.lower()).encode(), hashlib.sha256)
        //         .hexdigest()[:20], with the values below, gives 101f2cb388634b6ecb11.
        assertEquals("101f2cb388634b6ecb11", signature.sign("c42-7781", "Jane.Doe@Example.com"));
    }

    @Test
    void theSignatureOfAnotherRecipientDoesNotVerify() {
        String signed = signature.sign("c42-7781", "jane.doe@example.com");
        assertFalse(signature.verifies("c42-7781", signed, "john@example.com"));
    }

    @Test
    void aSignatureInUpperCaseStillVerifies() {
        // Some servers change the case of a local part.
        String signed = signature.sign("c42-7781", "jane.doe@example.com");
        assertTrue(signature.verifies("c42-7781", signed.toUpperCase(), "jane.doe@example.com"));
    }

    @Test
    void aSignedValueSplitsIntoTokenAndSignatureAtTheLastDot() {
        assertEquals(new CorrelationKey.VerpToken("c42.7781", "101f2cb388634b6ecb11"),
                VerpSignature.split("c42.7781.101f2cb388634b6ecb11"));
    }

    @Test
    void aValueWithoutASignatureKeepsItAll() {
        assertEquals(new CorrelationKey.VerpToken("c42-7781", ""), VerpSignature.split("c42-7781"));
    }

    @Test
    void aShortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new VerpSignature("short"));
    }
}
