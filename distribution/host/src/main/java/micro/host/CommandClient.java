package micro.host;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Sends one command ({@code list services}, {@code query ...}) to a running host and prints its answer. */
final class CommandClient {

    private CommandClient() {
    }

    /**
     * Where the host listening on {@code address} keeps its command token: the endpoint's default,
     * {@code ~/.micro/command-PORT.token}.
     */
    static Path tokenFile(String address) {
        String port = address.substring(address.lastIndexOf(':') + 1);
        return Path.of(System.getProperty("user.home"), ".micro", "command-" + port + ".token");
    }

    private static String token(String address) {
        try {
            return Files.readString(tokenFile(address)).trim();
        } catch (IOException | RuntimeException e) {
            return null; // the host answers 401, and we say where the token was looked for
        }
    }

    /** Runs the command on the host at {@code address}, its answer as text or JSON; the process exit code. */
    static int send(String address, List<String> args, boolean json, PrintStream out, PrintStream err) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address + "/command"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("Accept", json ? "application/json" : "text/plain");
        String token = token(address);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.POST(HttpRequest.BodyPublishers.ofString(JsonText.array(args)));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("error: no micro host answers on " + address + "; start one with 'java -jar micro.jar server'"
                    + " or point --cli_address at a running one");
            return 1;
        } catch (HttpTimeoutException e) {
            err.println("error: the host on " + address + " did not answer in time");
            return 1;
        } catch (IOException e) {
            err.println("error: cannot talk to the host on " + address + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
        String body = response.body();
        if (response.statusCode() == 200) {
            out.print(body.endsWith("\n") || body.isEmpty() ? body : body + "\n");
            return 0;
        }
        String detail = JsonText.stringField(body, "detail");
        if (response.statusCode() == 401 && token == null) {
            detail = "no token in " + tokenFile(address) + " that this user can read; run commands as the user who"
                    + " started the host (" + detail + ")";
        }
        err.println("error " + response.statusCode() + ": " + (detail != null ? detail : body));
        return 1;
    }
}
