package dev.tarosocket.bench;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Flight Recorder over a few cells of one client, then a summary of jdk.ExecutionSample by frame:
 * where samples stop (self), which library lines are on the stack (total), and which package owns
 * the top frame. The .jfr file stays for `jfr print --events jdk.ExecutionSample`.
 */
final class Profile {

    private static final String LIBRARY = "dev.tarosocket.";
    private static final String HARNESS = "dev.tarosocket.bench.";
    private static final int TOP = 25;

    private Profile() {
    }

    static Recording start() {
        Recording r = new Recording();
        r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
        r.enable("jdk.ObjectAllocationSample");
        r.start();
        return r;
    }

    static String stopAndSummarize(Recording r, Path jfr, String title) throws IOException {
        r.stop();
        r.dump(jfr);
        r.close();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> libraryTotal = new HashMap<>();
        Map<String, Integer> libraryFirst = new HashMap<>();
        Map<String, Integer> owner = new HashMap<>();
        Map<String, Long> allocByLibrary = new HashMap<>();
        Map<String, Integer> attributed = new HashMap<>();
        int samples = 0;
        long allocTotal = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = st.getFrames();
            if (e.getEventType().getName().equals("jdk.ObjectAllocationSample")) {
                long weight = e.getLong("weight");
                allocTotal += weight;
                frames.stream().filter(Profile::isLibrary).findFirst()
                        .ifPresent(f -> allocByLibrary.merge(name(f) + " <- " + e.getClass("objectClass").getName(), weight, Long::sum));
                continue;
            }
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            samples++;
            attributed.merge(attribute(frames), 1, Integer::sum);
            self.merge(name(frames.get(0)), 1, Integer::sum);
            owner.merge(pkg(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            boolean firstFound = false;
            for (RecordedFrame f : frames) {
                if (isLibrary(f)) {
                    if (!firstFound) {
                        libraryFirst.merge(name(f), 1, Integer::sum);
                        firstFound = true;
                    }
                    if (seen.add(name(f))) {
                        libraryTotal.merge(name(f), 1, Integer::sum);
                    }
                }
            }
        }
        StringBuilder b = new StringBuilder("## " + title + "\n\n" + samples + " execution samples (1 ms period, all threads); "
                + "file " + jfr.getFileName() + "\n\n");
        section(b, "Who the CPU was spent for (innermost library or harness frame decides; the hand-over "
                + "Outgoing.write counts as the container's)", attributed, samples, Function.identity());
        section(b, "Top frames (self: where the sample stopped)", self, samples, Function.identity());
        section(b, "Package of the top frame", owner, samples, Function.identity());
        section(b, "Library lines on the stack (total: sample has this line anywhere)", libraryTotal, samples, Function.identity());
        section(b, "Deepest library frame (the library line that called into the container/JDK code that ran)",
                libraryFirst, samples, Function.identity());
        if (allocTotal > 0) {
            b.append("### Allocation (jdk.ObjectAllocationSample weight) attributed to the innermost library frame\n\n");
            long total = allocTotal;
            allocByLibrary.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                    .forEach(en -> b.append(String.format("- %5.1f%%  %s%n", 100.0 * en.getValue() / total, en.getKey())));
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * "library": the innermost library-or-harness frame is the library's (its code and the JDK code it
     * calls: locks, futures, queues, thread hand-offs), except the hand-over to the container;
     * "harness": the driver and the listener it registered; otherwise the container and the JVM.
     */
    private static String attribute(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith(HARNESS)) {
                boolean rawSend = (type.endsWith(".Jsr356Client") || type.endsWith(".SpringClient"))
                        && f.getMethod().getName().equals("send");
                return rawSend ? "container (handed over by the raw client)" : "harness (driver, listener)";
            }
            if (type.startsWith(LIBRARY)) {
                return type.endsWith(".Outgoing") && f.getMethod().getName().equals("write")
                        ? "container (handed over by the library)" : "library (own code and the JDK code it calls)";
            }
        }
        return "container and JVM (no library or harness frame)";
    }

    private static boolean isLibrary(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.startsWith(LIBRARY) && !type.startsWith(HARNESS);
    }

    private static String name(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        String simple = type.substring(type.lastIndexOf('.') + 1);
        String file = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
        return type + "." + f.getMethod().getName() + " (" + file + ".java:" + f.getLineNumber() + ")";
    }

    private static String pkg(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        String[] parts = type.split("\\.");
        return parts.length <= 3 ? type : String.join(".", parts[0], parts[1], parts[2]);
    }

    private static void section(StringBuilder b, String title, Map<String, Integer> counts, int samples,
                                Function<String, String> label) {
        b.append("### ").append(title).append("\n\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> b.append(String.format("- %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples),
                        label.apply(e.getKey()))));
        b.append('\n');
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static String joined(List<String> parts) {
        return parts.stream().collect(Collectors.joining("\n"));
    }
}
