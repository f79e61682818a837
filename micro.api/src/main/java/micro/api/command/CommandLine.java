package micro.api.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line people typed (in a chat, on the web dashboard's CLI) into a command's words: on white space, except that JSON — from the first word
 * starting with <code>{</code> or <code>[</code> to the end — stays one word, spaces and all, since
 * people type {@code query greeter Say.Hello {"name": "John"}} without quoting. Quotes group words too:
 * {@code echo "two  spaces"}.
 */
public final class CommandLine {

    private CommandLine() {
    }

    /** The words of {@code line}: the first names the {@link Command}, the rest are its arguments. */
    public static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        String rest = line.strip();
        while (!rest.isEmpty()) {
            char first = rest.charAt(0);
            if (first == '{' || first == '[') {
                words.add(rest);
                break;
            }
            int end;
            if (first == '"' || first == '\'') {
                int close = rest.indexOf(first, 1);
                end = close < 0 ? rest.length() : close + 1;
                words.add(rest.substring(1, close < 0 ? rest.length() : close));
            } else {
                end = firstSpace(rest);
                words.add(rest.substring(0, end));
            }
            rest = rest.substring(end).strip();
        }
        return words;
    }

    private static int firstSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return text.length();
    }
}
