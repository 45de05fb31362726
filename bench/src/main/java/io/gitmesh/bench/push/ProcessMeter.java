package io.gitmesh.bench.push;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;

/** This process's heap and CPU, and the machine's load. */
final class ProcessMeter {
    private static final OperatingSystemMXBean SYSTEM =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessMeter() {
    }

    /** Heap in use after two full collections: what is live. */
    static long liveHeapBytes() {
        System.gc();
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    static long maxHeapBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    /** CPU time this process has used, every thread (GC and JIT included). */
    static Duration cpu() {
        return Duration.ofNanos(SYSTEM.getProcessCpuTime());
    }

    /** The one-minute load average of the machine, as {@code uptime} shows it. */
    static double loadAverage() {
        return SYSTEM.getSystemLoadAverage();
    }

    static int processors() {
        return SYSTEM.getAvailableProcessors();
    }
}
