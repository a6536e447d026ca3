package com.campaigns.sandbox.flow;

import com.campaigns.sandbox.merchant.Merchant;
import com.campaigns.sandbox.protocol.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Use-flow, refund-flow and the file download they point to. */
@RestController
class FlowController {

  private final FlowService flows;

  FlowController(FlowService flows) {
    this.flows = flows;
  }

  @GetMapping("/v3/marketing/favor/stocks/{stockId}/use-flow")
  FlowService.FlowLink useFlow(
      @RequestAttribute(Caller.ATTRIBUTE) Merchant caller, @PathVariable String stockId) {
    return flows.useFlow(caller.mchid(), stockId);
  }

  @GetMapping("/v3/marketing/favor/stocks/{stockId}/refund-flow")
  FlowService.FlowLink refundFlow(
      @RequestAttribute(Caller.ATTRIBUTE) Merchant caller, @PathVariable String stockId) {
    return flows.refundFlow(caller.mchid(), stockId);
  }

  /** The file itself; the API filter leaves this answer unsigned, as WeChat Pay does. */
  @GetMapping("/v3/billdownload/file")
  ResponseEntity<byte[]> download(
      @RequestAttribute(Caller.ATTRIBUTE) Merchant caller,
      @RequestParam(required = false) String token) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .body(flows.download(caller.mchid(), token));
  }
}
