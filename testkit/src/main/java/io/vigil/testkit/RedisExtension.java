package io.vigil.testkit;

import io.vigil.sentinelconfig.Secrets;
import io.vigil.topology.RedisNode;
import io.vigil.topology.RedisServerConfig;
import io.vigil.topology.SentinelTopology;
import io.vigil.topology.TopologySpec;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Injects a standalone {@link RedisNode} or a {@link SentinelTopology}, configured by {@link RedisSettings} and
 * {@link SentinelSettings}: one of each per test class (a {@code @Nested} class gets its own), started on first
 * use and stopped by JUnit with the class context, whether its tests passed or not. Tests share it.
 */
public final class RedisExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == RedisNode.class || type == SentinelTopology.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext classContext = classContext(context, parameter.getDeclaringExecutable().getDeclaringClass());
    Class<?> testClass = classContext.getRequiredTestClass();
    // The class in the namespace keeps a @Nested class from inheriting its outer class's processes.
    ExtensionContext.Store store = classContext.getStore(Namespace.create(RedisExtension.class, testClass));
    Class<?> type = parameter.getParameter().getType();
    Resource resource = store.getOrComputeIfAbsent(type, key -> new Resource(start(type, testClass)), Resource.class);
    return resource.process();
  }

  private static AutoCloseable start(Class<?> type, Class<?> testClass) {
    String name = folderName(testClass);
    if (type == RedisNode.class) {
      RedisServerConfig config = find(testClass, RedisSettings.class).map(settings -> RedisServerConfig.named(name)
          .withConfig(settings.config()).withPassword(blankToNull(settings.password()))
          .withPersistence(settings.persistence())).orElse(RedisServerConfig.named(name));
      return TestTopologies.server(config);
    }
    TopologySpec spec = find(testClass, SentinelSettings.class).map(s -> new TopologySpec(s.masterName(),
        Secrets.none(), "vigil", s.downAfterMs(), s.fastTimers(), s.persistence(), List.of(s.dataConfig()),
        List.of(s.sentinelConfig())).withPasswords(blankToNull(s.dataPassword()), blankToNull(s.sentinelPassword())))
        .orElse(TestTopologies.spec());
    return TestTopologies.sentinel(name, spec);
  }

  /**
   * The nearest class context whose class declares or inherits the method or constructor, so an outer class's
   * callbacks, run again for a {@code @Nested} test, receive the outer class's process.
   */
  private static ExtensionContext classContext(ExtensionContext context, Class<?> declaringClass) {
    ExtensionContext nearest = null;
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      if (c.getTestMethod().isEmpty() && c.getTestClass().isPresent()) {
        nearest = nearest == null ? c : nearest;
        if (declaringClass.isAssignableFrom(c.getRequiredTestClass())) {
          return c;
        }
      }
    }
    if (nearest == null) {
      throw new IllegalStateException("RedisExtension needs a test class context");
    }
    return nearest;
  }

  /** Settings on the class itself, else on the nearest enclosing class of a {@code @Nested} class. */
  private static <A extends Annotation> Optional<A> find(Class<?> testClass, Class<A> annotation) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      Optional<A> found = AnnotationSupport.findAnnotation(c, annotation);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static String folderName(Class<?> testClass) {
    String name = testClass.getName();
    return name.substring(name.lastIndexOf('.') + 1).replace('$', '_');
  }

  private static String blankToNull(String value) {
    return value.isEmpty() ? null : value;
  }

  private record Resource(AutoCloseable process) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() throws Exception {
      process.close();
    }
  }
}
