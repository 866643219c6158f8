package io.vigil.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.core.redis.Broker;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The master's memory against its limit, from {@code INFO memory}, beside the configured watermark, so an
 * alert can fire before submissions are refused: {@code vigil_redis_memory_used_bytes},
 * {@code vigil_redis_memory_max_bytes} (0 = no maxmemory) and {@code vigil_redis_memory_watermark_ratio}.
 */
final class RedisMemoryMetrics {
  private final Broker broker;
  private final AtomicLong used = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  RedisMemoryMetrics(Broker broker, double watermark, MeterRegistry registry) {
    this.broker = broker;
    Gauge.builder("vigil.redis.memory.used", used, AtomicLong::get).baseUnit("bytes")
        .description("Memory the Redis master uses (INFO used_memory)").register(registry);
    Gauge.builder("vigil.redis.memory.max", max, AtomicLong::get).baseUnit("bytes")
        .description("The Redis master's maxmemory; 0 means no limit").register(registry);
    Gauge.builder("vigil.redis.memory.watermark.ratio", () -> watermark)
        .description("Share of maxmemory above which submissions are refused (REDIS_MEMORY_WATERMARK; 0 = off)")
        .register(registry);
  }

  /** One read of INFO memory; a failure leaves the last values (the caller's periodic task logs it). */
  Future<?> poll() {
    return broker.send(Request.cmd(Command.INFO).arg("memory")).onSuccess(info -> {
      String text = info.toString();
      used.set(field(text, "used_memory"));
      max.set(field(text, "maxmemory"));
    });
  }

  static long field(String info, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + ":(\\d+)\\s*$").matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
