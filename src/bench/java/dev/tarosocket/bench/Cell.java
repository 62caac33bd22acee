package dev.tarosocket.bench;

/**
 * One measurement: one client, one scenario, one round. Rates are NaN when not measured (or when
 * the cell failed: then {@code error} says why).
 */
record Cell(String scenario, String client, int round, long messages, double seconds, double msgsPerSec,
            double mibPerSec, double cpuNsPerMsg, double peerCpuNsPerMsg, double p50Micros, double p99Micros,
            String error) {

    static Cell failed(String scenario, String client, int round, String error) {
        return new Cell(scenario, client, round, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, error);
    }

    boolean ok() {
        return error == null;
    }
}
