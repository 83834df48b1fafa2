package org.rebound.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BasicLoginTest {

    @TempDir
    Path dir;

    private BasicLogin users() throws IOException {
        Path file = dir.resolve("users.properties");
        Files.writeString(file, "# operators\nuser.ops=s3cret,admin\nuser.viewer=look\n");
        return BasicLogin.fromFile(file);
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRightPasswordGivesTheUser() throws IOException {
        assertEquals("ops", users().userOf(basic("ops:s3cret")));
    }

    @Test
    void aUserWithoutRolesLogsInToo() throws IOException {
        assertEquals("viewer", users().userOf(basic("viewer:look")));
    }

    @Test
    void aWrongPasswordIsRefused() throws IOException {
        BasicLogin users = users();
        assertThrows(LoginRequiredException.class, () -> users.userOf(basic("ops:s3cret,admin")));
    }

    @Test
    void anUnknownUserIsRefused() throws IOException {
        BasicLogin users = users();
        assertThrows(LoginRequiredException.class, () -> users.userOf(basic("root:s3cret")));
    }

    @Test
    void noHeaderIsRefused() throws IOException {
        BasicLogin users = users();
        assertThrows(LoginRequiredException.class, () -> users.userOf(null));
    }

    @Test
    void aHeaderThatIsNotBase64IsRefused() throws IOException {
        BasicLogin users = users();
        assertThrows(LoginRequiredException.class, () -> users.userOf("Basic %%%"));
    }

    @Test
    void withoutAUsersFileEveryLoginIsRefusedNamingTheSetting() {
        LoginRequiredException e = assertThrows(LoginRequiredException.class,
                () -> BasicLogin.nobody().userOf(basic("ops:s3cret")));
        assertTrue(e.getMessage().contains("camel.management.basic-properties-file"), e.getMessage());
    }
}
