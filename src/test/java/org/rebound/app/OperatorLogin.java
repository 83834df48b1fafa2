package org.rebound.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** The operator's login the tests configure (camel.management.basic-properties-file) and send. */
final class OperatorLogin {

    /** The Authorization header of user ops with its password. */
    static final String AUTHORIZATION = basic("ops", "s3cret");

    private OperatorLogin() {
    }

    /** A users file (Vert.x's property-file format) with the one user ops. */
    static Path usersFile() throws IOException {
        Path users = Files.createTempFile("rebound-users", ".properties");
        Files.writeString(users, "user.ops=s3cret,admin\n");
        return users;
    }


    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
