package micro.shell.karaf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import micro.api.registry.Endpoint;
import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.core.internal.registry.MemoryRegistry;

import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.support.parsing.CommandLineImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tab after a partial word, through Karaf's completion API, against a live registry. */
class CompletionTest {

    private final MemoryRegistry registry = new MemoryRegistry(Duration.ofMinutes(1));

    CompletionTest() {
        for (String name : List.of("micro.srv.greeter", "micro.api.greeter", "micro.srv.shop", "topic:micro.topic.greeted")) {
            registry.register(new Service(name, "1.0", Map.of(), List.of(new Endpoint("Say.Hello", null, null, Map.of()),
                    new Endpoint("Say.Stream", null, null, Map.of())), List.of(new Node(name + "-1", "127.0.0.1:1", Map.of()))),
                    Duration.ZERO);
        }
    }

    @AfterEach
    void close() {
        registry.close();
    }

    /** What Tab offers after {@code line}, the cursor at its end. */
    private static List<String> tab(Completer completer, String line) {
        String[] words = line.split(" ", -1);
        int index = words.length - 1;
        CommandLineImpl commandLine = new CommandLineImpl(words, index, words[index].length(), line.length(), line);
        List<String> candidates = new ArrayList<>();
        completer.complete(null, commandLine, candidates);
        return candidates.stream().map(String::strip).sorted().toList();
    }

    @Test
    void aServiceNameCompletesFromTheRegistry() {
        ServiceNameCompleter services = new ServiceNameCompleter();
        services.registry = registry;
        assertEquals(List.of("micro.srv.greeter", "micro.srv.shop"), tab(services, "micro:query micro.s"));
        assertEquals(List.of("micro.api.greeter"), tab(services, "micro:health micro.a"), "topics are no services");
    }

    @Test
    void anEndpointCompletesFromTheServiceBeforeIt() {
        EndpointCompleter endpoints = new EndpointCompleter();
        endpoints.registry = registry;
        assertEquals(List.of("Say.Hello", "Say.Stream"), tab(endpoints, "micro:query --json micro.srv.greeter Say."));
        assertEquals(List.of(), tab(endpoints, "micro:query micro.srv.none Say."));
    }

    @Test
    void topicsAndGatewayPathsCompleteToo() {
        TopicCompleter topics = new TopicCompleter();
        topics.registry = registry;
        assertEquals(List.of("micro.topic.greeted"), tab(topics, "micro:publish micro.t"));
        GatewayPathCompleter paths = new GatewayPathCompleter();
        paths.registry = registry;
        assertEquals(List.of("/greeter", "/greeter/say/hello", "/greeter/say/stream"), tab(paths, "micro:routes /gr"));
    }
}
