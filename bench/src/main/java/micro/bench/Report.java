package micro.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** What a run found: Markdown sections for people, headline figures as JSON for tools. */
public final class Report {

    private final Map<String, Object> headlines = new LinkedHashMap<>();
    private final List<String> sections = new ArrayList<>();
    private final Machine machine = Machine.current();

    public void headline(String key, double value, int decimals) {
        headlines.put(key, Stats.round(value, decimals));
    }

    public void section(String title, String intro, List<String> header, List<List<String>> rows) {
        StringBuilder text = new StringBuilder("## ").append(title).append("\n\n").append(intro).append("\n\n");
        text.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(column -> text.append(" --- |"));
        text.append('\n');
        for (List<String> row : rows) {
            text.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        sections.add(text.toString());
        System.out.println();
        System.out.println(text);
    }

    /** Writes {@code name}.md and {@code name}.json into {@code folder}. */
    public void write(Path folder, String name, String command) throws IOException {
        Files.createDirectories(folder);
        Map<String, Object> json = new LinkedHashMap<>(headlines);
        json.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        json.put("machine", machine.asMap());
        json.put("command", command);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(folder.resolve(name + ".json").toFile(), json);
        StringBuilder markdown = new StringBuilder("# micro benchmarks: " + (name.equals("latest") ? "latest run" : "partial run")
                + "\n\n");
        markdown.append("Run on ").append(json.get("date")).append(" with `").append(command).append("` on ")
                .append(machine.describe()).append(".\n");
        markdown.append("Ratios compare peers measured in the same run (median over alternating rounds); absolute numbers "
                + "hold for this machine only. Headline figures are in `" + name + ".json`.\n\n");
        markdown.append("![ratios](" + name + ".png)\n\n| headline | value |\n| --- | --- |\n");
        headlines.forEach((key, value) -> markdown.append("| `").append(key).append("` | ").append(value).append(" |\n"));
        markdown.append('\n');
        sections.forEach(section -> markdown.append(section).append('\n'));
        Files.writeString(folder.resolve(name + ".md"), markdown.toString());
        Map<String, Double> ratios = Chart.ratios(new ObjectMapper().valueToTree(json));
        if (!ratios.isEmpty()) {
            Chart.write(ratios, "micro vs its peers, " + json.get("date") + " (" + machine.cores() + " cores): green meets the goal, grey has none",
                    folder.resolve(name + ".png"));
        }
    }
}
