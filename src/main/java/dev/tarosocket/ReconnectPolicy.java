package dev.tarosocket;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When and how often a socket reconnects after an abnormal end (opt-in per socket). Reconnects follow
 * a dropped connection (1006), a server going away or failing (1001, 1011, 1012, 1013, 1014), a failed
 * or timed-out handshake, and a heartbeat or send timeout; never a close the application asked for,
 * nor the manager's shutdown. The {@link SocketTask} keeps its id and listeners; URL and header
 * suppliers are asked again on each attempt.
 *
 * <p>Delay of attempt {@code n} (1-based): {@code min(maxDelay, minDelay * multiplier^(n-1))}, then
 * spread by {@code ±jitter} (a fraction). After {@link #maxAttempts()} failed attempts in a row the
 * socket ends for good. A connection that stayed open for {@link #stableAfter()} resets the count.
 */
public final class ReconnectPolicy {

    /** {@link #maxAttempts()} value for no limit. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private final Duration minDelay;
    private final Duration maxDelay;
    private final double multiplier;
    private final double jitter;
    private final int maxAttempts;
    private final Duration stableAfter;

    private ReconnectPolicy(Builder b) {
        this.minDelay = b.minDelay;
        this.maxDelay = b.maxDelay;
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.maxAttempts = b.maxAttempts;
        this.stableAfter = b.stableAfter;
    }

    /** 1 s doubling to 30 s, 20 % jitter, 10 attempts, reset after 30 s of uptime. */
    public static ReconnectPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Duration minDelay() {
        return minDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public double multiplier() {
        return multiplier;
    }

    public double jitter() {
        return jitter;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration stableAfter() {
        return stableAfter;
    }

    /** The delay before attempt {@code attempt} (1-based), jittered with {@code random}. */
    public Duration delay(int attempt, RandomGenerator random) {
        double base = minDelay.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(base, maxDelay.toNanos());
        double spread = jitter == 0 ? 1 : 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofNanos(Math.max(0, (long) (capped * spread)));
    }

    @Override
    public String toString() {
        return "ReconnectPolicy[minDelay=" + minDelay + ", maxDelay=" + maxDelay + ", multiplier=" + multiplier
                + ", jitter=" + jitter + ", maxAttempts=" + (maxAttempts == UNLIMITED ? "unlimited" : maxAttempts)
                + ", stableAfter=" + stableAfter + "]";
    }

    public static final class Builder {
        private Duration minDelay = Duration.ofSeconds(1);
        private Duration maxDelay = Duration.ofSeconds(30);
        private double multiplier = 2.0;
        private double jitter = 0.2;
        private int maxAttempts = 10;
        private Duration stableAfter = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder minDelay(Duration d) {
            this.minDelay = Objects.requireNonNull(d, "minDelay");
            return this;
        }

        public Builder maxDelay(Duration d) {
            this.maxDelay = Objects.requireNonNull(d, "maxDelay");
            return this;
        }

        public Builder multiplier(double m) {
            this.multiplier = m;
            return this;
        }

        /** A fraction in [0, 1]: 0.2 spreads each delay over ±20 %. */
        public Builder jitter(double j) {
            this.jitter = j;
            return this;
        }

        /** Failed attempts in a row before giving up; {@link #UNLIMITED} for no limit. */
        public Builder maxAttempts(int n) {
            this.maxAttempts = n;
            return this;
        }

        /** Uptime after which a connection counts as stable and the attempt count starts again. */
        public Builder stableAfter(Duration d) {
            this.stableAfter = Objects.requireNonNull(d, "stableAfter");
            return this;
        }

        /** @throws IllegalArgumentException for a negative delay, a multiplier below 1, jitter outside [0, 1] or no attempts */
        public ReconnectPolicy build() {
            if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
                throw new IllegalArgumentException("reconnect delays must satisfy 0 <= minDelay <= maxDelay");
            }
            if (multiplier < 1 || jitter < 0 || jitter > 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("reconnect needs multiplier >= 1, 0 <= jitter <= 1, maxAttempts >= 1");
            }
            return new ReconnectPolicy(this);
        }
    }
}
