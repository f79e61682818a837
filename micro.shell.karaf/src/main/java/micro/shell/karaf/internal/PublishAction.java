package micro.shell.karaf.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "micro", name = "publish", description = "Publish a JSON message on a topic, "
        + "e.g. micro:publish micro.topic.greeted '{\"name\":\"John\"}'.")
@Service
public final class PublishAction extends MicroAction {

    @Argument(index = 0, name = "topic", description = "The topic", required = true)
    @Completion(TopicCompleter.class)
    String topic;

    @Argument(index = 1, name = "message", description = "The message as JSON", required = true)
    String message;

    @Override
    String command() {
        return "publish";
    }

    @Override
    List<String> args() {
        return List.of(topic, message);
    }
}
