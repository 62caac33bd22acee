package dev.tarosocket.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

/** Renders the ratios as one PNG: throughput ratios (higher is better) above CPU ratios (lower is better). */
final class Chart {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 460;

    private Chart() {
    }

    static void write(List<Ratios.Result> ratios, Path file) throws IOException {
        CategoryChart tput = panel("Throughput ratio, msgs/s (higher is better; target: taro ≥ 0.9× its raw container)",
                ratios, Ratios.Metric.THROUGHPUT, 0.95, "target 0.95×");
        CategoryChart cpu = panel("Client CPU per message ratio (lower is better; target: taro ≤ 1.15× its raw container)",
                ratios, Ratios.Metric.CPU, 1.1, "target 1.1×");
        BufferedImage a = BitmapEncoder.getBufferedImage(tput);
        BufferedImage b = BitmapEncoder.getBufferedImage(cpu);
        BufferedImage all = new BufferedImage(WIDTH, a.getHeight() + b.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, 0, a.getHeight(), null);
        g.dispose();
        ImageIO.write(all, "png", file.toFile());
    }

    private static CategoryChart panel(String title, List<Ratios.Result> ratios, Ratios.Metric metric, double target,
                                       String targetName) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("scenario").yAxisTitle("ratio (median over rounds)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.DARK_GRAY);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDecimalPattern("0.00");
        List<Ratios.Result> chosen = ratios.stream().filter(r -> r.def().metric() == metric && r.stats().present()).toList();
        List<String> scenarios = chosen.stream().map(Ratios.Result::scenario).distinct().toList();
        Map<String, List<Ratios.Result>> bySeries = chosen.stream()
                .collect(Collectors.groupingBy(r -> r.def().numerator() + " / " + r.def().denominator(),
                        java.util.LinkedHashMap::new, Collectors.toList()));
        if (scenarios.isEmpty()) {
            chart.addSeries("no data", List.of("none"), List.of(0));
            return chart;
        }
        for (Map.Entry<String, List<Ratios.Result>> e : bySeries.entrySet()) {
            List<Double> y = new ArrayList<>();
            for (String s : scenarios) {
                y.add(e.getValue().stream().filter(r -> r.scenario().equals(s)).map(r -> r.stats().median())
                        .findFirst().orElse(0.0));
            }
            chart.addSeries(e.getKey(), scenarios, y);
        }
        CategorySeries line = chart.addSeries(targetName, scenarios, scenarios.stream().map(s -> target).toList());
        line.setChartCategorySeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Line);
        line.setLineColor(Color.RED);
        line.setMarkerColor(Color.RED);
        line.setLabel(targetName);
        return chart;
    }
}
