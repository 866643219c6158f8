package io.vigil.bench;

import io.vigil.resp.Replies;
import io.vigil.resp.RespConnection;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU time used by Redis (INFO cpu) and by a JVM (this one, or the roles') between start and stop, per job, and
 * the commands Redis ran per job (INFO commandstats, which counts the commands a script runs as well as the
 * script call itself): figures that hold on a busy machine, where throughput does not.
 */
final class CpuMeter {
  private final RespConnection redis;
  private final LongSupplier jvmCpuNanos;
  private double redisStart;
  private long jvmStart;
  private long callsStart;

  CpuMeter(RespConnection redis) {
    this(redis, CpuMeter::ownCpuNanos);
  }

  CpuMeter(RespConnection redis, LongSupplier jvmCpuNanos) {
    this.redis = redis;
    this.jvmCpuNanos = jvmCpuNanos;
  }

  void start() {
    redisStart = redisCpuSeconds();
    jvmStart = jvmCpuNanos.getAsLong();
    callsStart = redisCalls();
  }

  /** Returns {redis µs per job, jvm µs per job, redis commands per job}. */
  double[] perJob(long jobs) {
    double redisUs = (redisCpuSeconds() - redisStart) * 1e6 / jobs;
    double jvmUs = (jvmCpuNanos.getAsLong() - jvmStart) / 1e3 / jobs;
    double calls = (redisCalls() - callsStart) / (double) jobs;
    return new double[] {redisUs, jvmUs, calls};
  }

  private long redisCalls() {
    long calls = 0;
    // Lines like cmdstat_hset:calls=12,usec=...
    for (String value : Replies.info(redis.command("INFO", "commandstats")).values()) {
      int at = value.indexOf("calls=");
      if (at >= 0) {
        int end = value.indexOf(',', at);
        calls += Long.parseLong(value.substring(at + 6, end < 0 ? value.length() : end));
      }
    }
    return calls;
  }

  private double redisCpuSeconds() {
    Map<String, String> cpu = Replies.info(redis.command("INFO", "cpu"));
    return Double.parseDouble(cpu.get("used_cpu_sys")) + Double.parseDouble(cpu.get("used_cpu_user"));
  }

  private static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
