package io.vigil.testkit;

import io.vigil.topology.TopologySpec;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Customises the {@link io.vigil.topology.SentinelTopology} that {@link RedisExtension} starts for the
 * annotated test class; each element mirrors {@link TopologySpec}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SentinelSettings {

  long downAfterMs() default 1000;

  String masterName() default "mymaster";

  /** requirepass and masterauth on data nodes, auth-pass on Sentinels; empty means none. */
  String dataPassword() default "";

  /** requirepass on Sentinels; empty means none. */
  String sentinelPassword() default "";

  /** Extra redis.conf lines for every data node. */
  String[] dataConfig() default {};

  /** Extra sentinel.conf lines, for example ACL {@code user ...} lines. */
  String[] sentinelConfig() default {};

  /** {@code appendfsync always} on data nodes ({@link TopologySpec#fsyncAlways()}). */
  boolean persistence() default false;

  boolean fastTimers() default true;
}
