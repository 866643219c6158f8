package io.vigil.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Customises the standalone {@link io.vigil.topology.RedisNode} that {@link RedisExtension} starts. */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RedisSettings {

  /** Extra redis.conf lines, for example {@code "maxmemory 20mb"}. */
  String[] config() default {};

  /** {@code requirepass}; empty means no password. */
  String password() default "";

  /** AOF on, so data survives {@link io.vigil.topology.RedisNode#restart()}. */
  boolean persistence() default false;
}
