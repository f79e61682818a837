package micro.broker.rabbitmq.internal;

import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.client.AMQP;

import micro.api.broker.Broker;
import micro.api.transport.Message;

/** A micro message as AMQP properties and back: its headers in the AMQP header table, its content type as AMQP's. */
final class RabbitMessages {

    private static final int PERSISTENT = 2;

    private RabbitMessages() {
    }

    static AMQP.BasicProperties properties(String topic, Message message, boolean persistent) {
        Map<String, Object> headers = new HashMap<>(message.headers());
        headers.put(Broker.TOPIC_HEADER, topic);
        AMQP.BasicProperties.Builder builder = new AMQP.BasicProperties.Builder().headers(headers)
                .contentType(message.header(Message.CONTENT_TYPE));
        if (persistent) {
            builder.deliveryMode(PERSISTENT);
        }
        return builder.build();
    }

    /** The message RabbitMQ delivered; AMQP header values (LongStrings, numbers) become their text. */
    static Message message(AMQP.BasicProperties properties, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        if (properties.getHeaders() != null) {
            properties.getHeaders().forEach((name, value) -> {
                if (value != null) {
                    headers.put(name, value.toString());
                }
            });
        }
        if (properties.getContentType() != null) {
            headers.putIfAbsent(Message.CONTENT_TYPE, properties.getContentType());
        }
        return new Message(headers, body);
    }
}
