package micro.api.command;

import java.util.List;

/**
 * What a {@link Command} answers: the text people read (in a chat, the web CLI, {@code micro.jar}),
 * and the same answer as data for a shell's {@code --json} ({@link #json}, any value Jackson writes:
 * lists, maps, records, JSON trees) and its tables ({@link #table}); either may be null when the
 * answer is text only.
 */
public record Answer(String text, Object json, Table table) {

    /** A table: column names and rows of cells, in the order shown. */
    public record Table(List<String> columns, List<List<String>> rows) {

        public Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    public Answer {
        text = text == null ? "" : text;
    }

    /** What {@code --json} prints: {@link #json}, or for an answer that is text only {@code {"output": text}}. */
    public Object data() {
        return json != null ? json : java.util.Map.of("output", text);
    }

    /** An answer that is text only. */
    public static Answer text(String text) {
        return new Answer(text, null, null);
    }
}
