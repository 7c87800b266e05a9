package io.tfgrpo.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class CallLimiterTest {

    @Test
    void spacesCallStartsByTheRequestsPerMinute() throws InterruptedException {
        CallLimiter limiter = new CallLimiter(10, 600); // one start every 100 ms
        long first = System.nanoTime();
        long fifth = 0;
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
            fifth = System.nanoTime();
            limiter.release();
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(fifth - first)).isGreaterThanOrEqualTo(399);
    }

    @Test
    void holdsAtMostMaxConcurrencySlots() throws InterruptedException {
        CallLimiter limiter = new CallLimiter(2, null);
        limiter.acquire();
        limiter.acquire();
        assertThat(limiter.available()).isZero();
        limiter.release();
        assertThat(limiter.available()).isEqualTo(1);
    }
}
