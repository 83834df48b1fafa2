package org.rebound.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyColumnTest {

    @ParameterizedTest(name = "{0} ({1}) holds ''{2}'': {3}")
    @CsvSource(delimiter = '|', textBlock = """
            varchar | 12   | abc@example.net                        | true
            int8    | -5   | 4711                                   | true
            int8    | -5   | -9223372036854775808                   | true
            int8    | -5   | 9223372036854775808                    | false
            int8    | -5   | 4711x                                  | false
            int8    | -5   | ''                                     | false
            int4    | 4    | 2147483648                             | false
            int2    | 5    | 32767                                  | true
            int2    | 5    | 32768                                  | false
            numeric | 2    | 12.50                                  | true
            numeric | 2    | 1e5                                    | false
            numeric | 2    | abc                                    | false
            uuid    | 1111 | 0f8fad5b-d9cb-469f-a165-70867728950e   | true
            uuid    | 1111 | 0F8FAD5BD9CB469FA16570867728950E       | true
            uuid    | 1111 | not-a-uuid                             | false
            """)
    void aColumnHoldsTheKeysOfItsType(String typeName, int sqlType, String key, boolean holds) {
        assertEquals(holds, new KeyColumn(typeName, sqlType).canHold(key));
    }

    @Test
    void aNumericColumnHoldsNoKeyOfMoreThanAThousandCharacters() {
        assertFalse(new KeyColumn("numeric", Types.NUMERIC).canHold("1".repeat(1001)));
    }
}
