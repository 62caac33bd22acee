package dev.tarosocket.bench;

/**
 * One measurement: one client, one scenario, one round. Rates are NaN when not measured (or when
 * the cell failed: then {@code error} says why). {@code allocBytesPerMsg}: bytes allocated by all
 * threads of the benchmark JVM per message (harness, library and container); {@code load1}: the
 * machine's 1-minute load average when the cell ended.
 */
record Cell(String scenario, String client, int round, long messages, double seconds, double msgsPerSec,
            double mibPerSec, double cpuNsPerMsg, double peerCpuNsPerMsg, double p50Micros, double p99Micros,
            double allocBytesPerMsg, double load1, String error) {

    static Cell failed(String scenario, String client, int round, String error) {
        return new Cell(scenario, client, round, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Scenarios.load1(), error);
    }

    boolean ok() {
        return error == null;
    }
}
