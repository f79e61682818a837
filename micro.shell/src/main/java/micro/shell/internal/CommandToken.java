package micro.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret a command must present to this host's command endpoint: random, written to a file only
 * its owner can read (as Karaf's and Jupyter's are), so that only the user who started the host, and
 * no web page or other local user, can drive it. {@code micro.jar} commands read the file and send
 * the token as {@code Authorization: Bearer ...}. The file goes when the endpoint stops.
 */
final class CommandToken implements AutoCloseable {

    private final Path file;
    private final byte[] token;

    private CommandToken(Path file, byte[] token) {
        this.file = file;
        this.token = token;
    }

    /** Where a host whose endpoint listens on {@code port} keeps its token, unless configured otherwise. */
    static Path defaultFile(int port) {
        return Path.of(System.getProperty("user.home"), ".micro", "command-" + port + ".token");
    }

    /** Makes a new token and writes it to {@code file}, readable by the owner only. */
    static CommandToken create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        byte[] token = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
        // Written aside and moved in: a reader never sees half a token, nor a file others could read.
        Path partial = posix ? Files.createTempFile(dir, ".command-", ".partial",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".command-", ".partial");
        Files.write(partial, token);
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return new CommandToken(file, token);
    }

    Path file() {
        return file;
    }

    /** Whether an {@code Authorization} header value carries this token; in constant time. */
    boolean presentedIn(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented, token);
    }

    /** Deletes the file, unless another host has since written its own token there. */
    @Override
    public void close() {
        try {
            if (Files.exists(file) && MessageDigest.isEqual(Files.readAllBytes(file), token)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // already gone, or not ours to delete
        }
    }
}
