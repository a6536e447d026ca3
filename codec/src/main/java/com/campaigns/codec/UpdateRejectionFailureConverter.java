package com.campaigns.codec;

import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.FailureConverter;
import io.temporal.failure.DefaultFailureConverter;
import io.temporal.internal.worker.WorkflowExecutionException;

/**
 * Keeps an update validator's rejection readable when failure messages are encrypted. In SDK 1.38 a
 * validator's exception is converted to a {@code Failure} (with encrypted attributes its message
 * becomes the placeholder "Encoded failure"), wrapped in the SDK's internal {@code
 * WorkflowExecutionException}, and the wrapper is converted once more: the caller then saw the
 * placeholder instead of "campaign x cannot be paused in status PAUSED", and the wrapper's class
 * name instead of the failure type. This converter hands the first conversion back, decrypted, so
 * the codec encrypts it exactly once. Every other exception is converted as usual.
 */
final class UpdateRejectionFailureConverter implements FailureConverter {

  private final FailureConverter delegate = new DefaultFailureConverter();
  private final DataConverter decoder;

  /**
   * @param decoder decrypts a failure the application's converter encrypted
   */
  UpdateRejectionFailureConverter(DataConverter decoder) {
    this.decoder = decoder;
  }

  @Override
  public RuntimeException failureToException(Failure failure, DataConverter dataConverter) {
    return delegate.failureToException(failure, dataConverter);
  }

  @Override
  public Failure exceptionToFailure(Throwable throwable, DataConverter dataConverter) {
    if (throwable instanceof WorkflowExecutionException wrapped) {
      // A TemporalFailure that carries its (decrypted) Failure is converted back to that Failure.
      return delegate.exceptionToFailure(
          decoder.failureToException(wrapped.getFailure()), dataConverter);
    }
    return delegate.exceptionToFailure(throwable, dataConverter);
  }
}
