package micro.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ratio headlines as horizontal bars around 1.0 (parity with the peer), drawn with Java2D.
 * {@code Chart bench/results/latest.json} redraws the chart of a result file.
 */
public final class Chart {

    private static final int WIDTH = 900;
    private static final int ROW = 30;
    private static final int LABEL = 330;
    private static final double SCALE_MAX = 2.0;

    private Chart() {
    }

    public static void write(Map<String, Double> ratios, String title, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int height = 60 + ROW * ratios.size() + 30;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 12, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int plotWidth = WIDTH - LABEL - 70;
        int y = 50;
        for (Map.Entry<String, Double> ratio : ratios.entrySet()) {
            double value = ratio.getValue();
            boolean lowerIsBetter = ratio.getKey().contains("p99");
            boolean good = lowerIsBetter ? value <= 1.0 : value >= 1.0;
            boolean noGoal = ratio.getKey().contains("vs_floor"); // the floor is a reference, not a rival
            int bar = (int) Math.round(Math.min(value, SCALE_MAX) / SCALE_MAX * plotWidth);
            g.setColor(noGoal ? new Color(0x9AA5B1) : good ? new Color(0x4C9A5A) : new Color(0xC8553D));
            g.fillRect(LABEL, y + 6, Math.max(bar, 1), ROW - 12);
            g.setColor(Color.DARK_GRAY);
            g.drawString(ratio.getKey(), 12, y + ROW / 2 + 5);
            g.drawString(String.format(Locale.ROOT, "%.2f×", value), LABEL + bar + 6, y + ROW / 2 + 5);
            y += ROW;
        }
        int parity = LABEL + (int) Math.round(1.0 / SCALE_MAX * plotWidth);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0));
        g.drawLine(parity, 44, parity, y + 4);
        g.drawString("1.0 = the peer", parity - 40, y + 22);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    /** The ratio keys of a result file, in its order. */
    static Map<String, Double> ratios(JsonNode result) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        result.fields().forEachRemaining(field -> {
            if (field.getKey().contains("_ratio_")) {
                ratios.put(field.getKey(), field.getValue().asDouble());
            }
        });
        return ratios;
    }

    public static void main(String[] args) throws IOException {
        File json = new File(args.length > 0 ? args[0] : "bench/results/latest.json");
        JsonNode result = new ObjectMapper().readTree(json);
        Path png = json.toPath().resolveSibling(json.getName().replace(".json", ".png"));
        write(ratios(result), "micro vs its peers, " + result.path("date").asText() + " (" + result.path("machine").path("cores").asInt()
                + " cores): green meets the goal, grey has none", png);
        System.out.println("wrote " + png);
    }
}
