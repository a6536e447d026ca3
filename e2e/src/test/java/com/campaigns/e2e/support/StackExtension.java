package com.campaigns.e2e.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One {@link Stack} for the whole suite (starting it costs a minute on two cores), stopped when the
 * test run ends. Tests receive it as a parameter. A failed test prints the tail of every log.
 */
public final class StackExtension implements ParameterResolver, TestWatcher {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(StackExtension.class);

  /** Keeps the stack, or the reason it could not start, for the rest of the run. */
  private static final class Holder implements ExtensionContext.Store.CloseableResource {
    final Stack stack;
    final RuntimeException failure;

    Holder() {
      Stack s = null;
      RuntimeException f = null;
      try {
        s = Stack.start();
      } catch (RuntimeException e) {
        f = e;
      }
      this.stack = s;
      this.failure = f;
    }

    @Override
    public void close() {
      if (stack != null) {
        stack.close();
      }
    }
  }

  static Stack stack(ExtensionContext context) {
    Holder holder =
        context
            .getRoot()
            .getStore(NS)
            .getOrComputeIfAbsent("stack", k -> new Holder(), Holder.class);
    if (holder.failure != null) {
      throw new IllegalStateException(
          "the stack under test did not start: " + holder.failure.getMessage(), holder.failure);
    }
    return holder.stack;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Stack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return stack(context);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Holder holder = context.getRoot().getStore(NS).get("stack", Holder.class);
    if (holder != null && holder.stack != null) {
      System.err.println("✗ " + context.getDisplayName() + " failed: " + cause);
      System.err.println(holder.stack.diagnostics());
    }
  }
}
