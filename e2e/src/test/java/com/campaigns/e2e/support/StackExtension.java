package com.campaigns.e2e.support;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One {@link Stack} for the whole suite (starting it costs a minute on two cores), stopped when the
 * test run ends. Tests receive it as a parameter. A failed test prints the tail of every log. With
 * {@code -De2e.record-histories=DIR} each test's closed campaigns are recorded ({@link
 * HistoryRecorder}).
 */
public final class StackExtension implements ParameterResolver, TestWatcher, AfterEachCallback {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(StackExtension.class);

  /** Keeps the stack, or the reason it could not start, for the rest of the run. */
  private static final class Holder implements ExtensionContext.Store.CloseableResource {
    final Stack stack;
    final RuntimeException failure;
    final Optional<HistoryRecorder> recorder;

    Holder() {
      Stack s = null;
      Optional<HistoryRecorder> r = Optional.empty();
      RuntimeException f = null;
      try {
        s = Stack.start();
        r = HistoryRecorder.requested(s);
      } catch (RuntimeException e) {
        if (s != null) {
          s.close();
          s = null;
        }
        f = e;
      }
      this.stack = s;
      this.failure = f;
      this.recorder = r;
    }

    @Override
    public void close() {
      if (stack != null) {
        try {
          recorder.ifPresent(HistoryRecorder::recordClosed);
        } finally {
          stack.close();
        }
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
  public void afterEach(ExtensionContext context) {
    Holder holder = context.getRoot().getStore(NS).get("stack", Holder.class);
    if (holder != null && holder.stack != null) {
      holder.recorder.ifPresent(HistoryRecorder::recordClosed);
    }
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
