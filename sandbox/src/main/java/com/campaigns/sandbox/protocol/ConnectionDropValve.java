package com.campaigns.sandbox.protocol;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Closes the connection without writing a byte of the response when a call was marked for a
 * commit-then-drop fault. The client then fails while reading the status line, which OkHttp reports
 * as an {@code IOException} and the SDK as {@code HttpException}. A truncated body would not do:
 * the SDK would report {@code MalformedMessageException} instead.
 */
final class ConnectionDropValve extends ValveBase {

  static final String DROP_ATTRIBUTE = "sandbox.drop-connection";

  ConnectionDropValve() {
    super(true);
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    getNext().invoke(request, response);
    if (request.getAttribute(DROP_ATTRIBUTE) != null) {
      response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
    }
  }
}
