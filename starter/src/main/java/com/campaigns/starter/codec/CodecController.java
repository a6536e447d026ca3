package com.campaigns.starter.codec;

import com.campaigns.codec.AesGcmPayloadCodec;
import com.campaigns.starter.system.BoundedBody;
import com.campaigns.starter.system.RequestRejected;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodecException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The codec server of the Temporal Web UI and CLI (Temporal's remote codec protocol): {@code POST
 * /codec/decode} and {@code /codec/encode} take and return a proto3-JSON {@code Payloads} object,
 * {@code {"payloads": [{"metadata": {...}, "data": "..."}]}}, run through the same codec as the
 * application's data converter. Ops only (an {@code Authorization: Bearer} header, or the token as
 * the path segment after {@code /codec/} for a Web UI that cannot send a header); CORS for the Web
 * UI's origins is set up with the security rules. The namespace header is accepted and not used:
 * one codec serves the deployment's namespace.
 */
@RestController
@Tag(name = "codec")
class CodecController {

  private static final Logger log = LoggerFactory.getLogger(CodecController.class);

  private final ObjectProvider<AesGcmPayloadCodec> codec;
  private final CodecServerProperties properties;

  CodecController(ObjectProvider<AesGcmPayloadCodec> codec, CodecServerProperties properties) {
    this.codec = codec;
    this.properties = properties;
  }

  @PostMapping(
      path = {"/codec/decode", "/codec/{token}/decode"},
      consumes = MediaType.ALL_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary =
          "Decrypts payloads for the Temporal Web UI or CLI (ops; Temporal remote codec protocol)")
  ResponseEntity<String> decode(HttpServletRequest request) throws IOException {
    return run(request, "decode", c -> payloads -> c.decodeForReading(payloads));
  }

  @PostMapping(
      path = {"/codec/encode", "/codec/{token}/encode"},
      consumes = MediaType.ALL_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Encrypts payloads, e.g. a signal sent from the Web UI or CLI (ops)")
  ResponseEntity<String> encode(HttpServletRequest request) throws IOException {
    return run(request, "encode", c -> payloads -> c.encode(payloads));
  }

  private ResponseEntity<String> run(
      HttpServletRequest request,
      String what,
      java.util.function.Function<AesGcmPayloadCodec, UnaryOperator<List<Payload>>> operation)
      throws IOException {
    byte[] body =
        BoundedBody.read(
            request.getInputStream(),
            request.getContentLengthLong(),
            (int) properties.maxBodySize().toBytes());
    Payloads.Builder in = Payloads.newBuilder();
    try {
      JsonFormat.parser()
          .ignoringUnknownFields()
          .merge(new String(body, StandardCharsets.UTF_8), in);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw RequestRejected.badRequest(
          "invalid_payloads",
          "the body must be a JSON Payloads object: {\"payloads\": [{\"metadata\": {...}, \"data\": \"...\"}]}");
    }
    AesGcmPayloadCodec c = codec.getIfAvailable();
    List<Payload> out;
    try {
      // Without encryption (campaigns.codec.enabled=false) there is nothing to decode or encode.
      out = c == null ? in.getPayloadsList() : operation.apply(c).apply(in.getPayloadsList());
    } catch (PayloadCodecException e) {
      log.warn("codec {} refused: {}", what, e.getMessage());
      throw new RequestRejected(HttpStatus.BAD_REQUEST, "codec_failed", e.getMessage());
    }
    String json =
        JsonFormat.printer()
            .omittingInsignificantWhitespace()
            .print(Payloads.newBuilder().addAllPayloads(out).build());
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
  }
}
