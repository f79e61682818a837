package micro.bot.internal;

/**
 * Keeps a reply readable in a chat and within what chat servers accept: at most {@code maxLines}
 * lines and {@code maxChars} characters, the rest replaced by "... (N more lines)".
 */
record ReplyCut(int maxLines, int maxChars) {

    String apply(String text) {
        String[] lines = text.strip().split("\n", -1);
        StringBuilder kept = new StringBuilder();
        int shown = 0;
        while (shown < lines.length && shown < maxLines && kept.length() + lines[shown].length() + 1 <= maxChars) {
            if (shown > 0) {
                kept.append('\n');
            }
            kept.append(lines[shown]);
            shown++;
        }
        if (shown == 0 && lines.length > 0) { // one line longer than the limit: cut inside it
            kept.append(lines[0], 0, Math.max(0, maxChars - 40));
            return kept + "... (cut at " + maxChars + " characters)";
        }
        int more = lines.length - shown;
        return more == 0 ? kept.toString() : kept + "\n... (" + more + " more line" + (more == 1 ? ")" : "s)");
    }
}
