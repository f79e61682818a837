package micro.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import micro.bench.ChildProcess;

/**
 * nginx (Debian's package) in a folder of its own, as a reverse proxy in front of one greeter node:
 * {@code proxy_pass} with a keep-alive upstream, adding the two headers the HTTP transport routes by.
 */
final class Nginx implements AutoCloseable {

    private final ChildProcess process;
    private final Path prefix;

    private Nginx(ChildProcess process, Path prefix) {
        this.process = process;
        this.prefix = prefix;
    }

    static Nginx start(int port, int nodePort, String path, String service, String endpoint) throws IOException, InterruptedException {
        Path prefix = Files.createTempDirectory("micro-bench-nginx");
        Files.createDirectories(prefix.resolve("logs"));
        String conf = """
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    upstream greeter { server 127.0.0.1:%3$d; keepalive 128; }
                    server {
                        listen 127.0.0.1:%2$d;
                        location = %4$s {
                            proxy_pass http://greeter/;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Micro-Service %5$s;
                            proxy_set_header Micro-Endpoint %6$s;
                        }
                    }
                }
                """.formatted(prefix, port, nodePort, path, service, endpoint);
        Path file = prefix.resolve("nginx.conf");
        Files.writeString(file, conf);
        ChildProcess process = ChildProcess.start("nginx", List.of(binary(), "-p", prefix.toString(), "-e",
                prefix.resolve("logs/error.log").toString(), "-c", file.toString(), "-g", "daemon off;"), null);
        process.awaitPort(port, Duration.ofSeconds(20));
        return new Nginx(process, prefix);
    }

    private static String binary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("nginx is not installed: bench/run installs Debian's nginx-light");
    }

    public Process process() {
        return process.process();
    }

    @Override
    public void close() throws Exception {
        process.close();
        try (var files = Files.walk(prefix)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
