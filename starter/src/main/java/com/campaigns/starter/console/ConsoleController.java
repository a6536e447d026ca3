package com.campaigns.starter.console;

import com.campaigns.starter.audience.AudienceReceipt;
import com.campaigns.starter.audience.AudienceService;
import com.campaigns.starter.campaign.CampaignApprovals;
import com.campaigns.starter.campaign.CampaignList;
import com.campaigns.starter.campaign.CampaignService;
import com.campaigns.starter.campaign.CampaignTimeline;
import com.campaigns.starter.campaign.CampaignTimelines;
import com.campaigns.starter.security.ApiUser;
import com.campaigns.starter.security.Operator;
import com.campaigns.starter.system.RequestRejected;
import com.campaigns.starter.system.SpecRejected;
import com.campaigns.wechatpay.MerchantClient;
import com.campaigns.wechatpay.WechatMerchants;
import com.campaigns.workflows.rules.Violation;
import com.campaigns.workflows.rules.WavePlanner;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * The console's pages and actions. Thin: every read and every change is a call to the service the
 * REST API uses ({@link CampaignService}, {@link AudienceService}, {@link CampaignTimelines}); the
 * only thing added here is who acted: the signed-in token's name.
 */
@Controller
@RequestMapping("/console")
class ConsoleController {

  private final CampaignService campaigns;
  private final AudienceService audiences;
  private final CampaignTimelines timelines;
  private final ConsolePages pages;
  private final WechatMerchants merchants;
  private final ConsoleProperties properties;
  private final Clock clock;
  private final CampaignApprovals approvals;

  ConsoleController(
      CampaignService campaigns,
      AudienceService audiences,
      CampaignTimelines timelines,
      ConsolePages pages,
      WechatMerchants merchants,
      ConsoleProperties properties,
      Clock clock,
      CampaignApprovals approvals) {
    this.campaigns = campaigns;
    this.audiences = audiences;
    this.timelines = timelines;
    this.pages = pages;
    this.merchants = merchants;
    this.properties = properties;
    this.clock = clock;
    this.approvals = approvals;
  }

  /**
   * The result area of the new-campaign page: a plan, every violation at its field, or an error.
   */
  record SpecResult(WavePlanner.Plan plan, List<Violation> violations, String error) {}

  @GetMapping({"", "/"})
  String home() {
    return "redirect:/console/campaigns";
  }

  /** The list a page at a time, as the API gives it; the page polls its own rows only. */
  @GetMapping("/campaigns")
  String list(
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit,
      Model model,
      @AuthenticationPrincipal ApiUser user) {
    page(cursor, limit, model, user);
    return "console/campaigns";
  }

  @GetMapping("/campaigns/rows")
  String rows(
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) Integer limit,
      Model model,
      @AuthenticationPrincipal ApiUser user) {
    page(cursor, limit, model, user);
    return "console/campaigns :: rows";
  }

  private void page(String cursor, Integer limit, Model model, ApiUser user) {
    CampaignList page = campaigns.list(Operator.of(user).mchids(), cursor, limit);
    model.addAttribute("campaigns", page.campaigns());
    model.addAttribute("cursor", cursor);
    model.addAttribute("limit", limit);
    model.addAttribute("next", page.next());
  }

  @GetMapping("/campaigns/new")
  String newCampaign(Model model, @AuthenticationPrincipal ApiUser user) {
    MerchantClient merchant =
        merchants.all().stream()
            .filter(m -> user.seesMerchant(m.mchid()))
            .min(Comparator.comparing(MerchantClient::mchid))
            .orElse(null);
    String mchid = merchant == null ? "1900000001" : merchant.mchid();
    String appid =
        merchant == null || merchant.appids().isEmpty()
            ? "wx0000000000000001"
            : merchant.appids().stream().sorted().findFirst().orElseThrow();
    model.addAttribute("spec", SampleSpec.at(clock.instant(), mchid, appid));
    return "console/new";
  }

  @PostMapping("/campaigns/validate")
  String validate(
      @RequestParam(defaultValue = "") String spec,
      Model model,
      @AuthenticationPrincipal ApiUser user) {
    model.addAttribute(
        "result",
        checked(
            () ->
                new SpecResult(
                    campaigns.validate(bytes(spec), Operator.of(user)).plan(), null, null)));
    return "console/new :: result";
  }

  @PostMapping("/campaigns/start")
  String start(
      @RequestParam(defaultValue = "") String spec,
      Model model,
      HttpServletResponse response,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      @AuthenticationPrincipal ApiUser user) {
    String[] started = new String[1];
    SpecResult result =
        checked(
            () -> {
              started[0] = campaigns.start(bytes(spec), Operator.of(user)).status().campaignId();
              return null;
            });
    if (started[0] == null) {
      model.addAttribute("result", result);
      return "console/new :: result";
    }
    String page = "/console/campaigns/" + started[0];
    if (htmx == null) {
      return "redirect:" + page;
    }
    response.setHeader("HX-Redirect", page);
    model.addAttribute("result", new SpecResult(null, null, null));
    return "console/new :: result";
  }

  @PostMapping("/audiences")
  String upload(@RequestParam("file") MultipartFile file, Model model) throws IOException {
    try {
      AudienceReceipt receipt =
          audiences.upload("text/plain", file.getSize(), file.getInputStream());
      model.addAttribute("receipt", receipt);
    } catch (RequestRejected e) {
      model.addAttribute("uploadError", e.getMessage());
    }
    model.addAttribute("fileName", file.getOriginalFilename());
    return "console/new :: audience";
  }

  @GetMapping("/campaigns/{id}")
  String campaign(@PathVariable String id, Model model) {
    model.addAttribute("page", pages.campaign(id));
    model.addAttribute("refreshSeconds", properties.refreshSeconds());
    return "console/campaign";
  }

  @GetMapping("/campaigns/{id}/live")
  String live(@PathVariable String id, Model model) {
    return live(model, pages.campaign(id));
  }

  /** Pause and cancel: an operator's stop, with the reason typed on the page (optional). */
  @PostMapping("/campaigns/{id}/{stop:pause|cancel}")
  String stop(
      @PathVariable String id,
      @PathVariable String stop,
      @RequestParam(required = false) String reason,
      Model model,
      @AuthenticationPrincipal ApiUser user) {
    String why = blankToNull(reason);
    return "pause".equals(stop)
        ? act(id, model, "paused", () -> campaigns.pause(id, why, Operator.of(user)))
        : act(id, model, "cancelled", () -> campaigns.cancel(id, why, Operator.of(user)));
  }

  @PostMapping("/campaigns/{id}/resume")
  String resume(@PathVariable String id, Model model, @AuthenticationPrincipal ApiUser user) {
    return act(id, model, "resumed", () -> campaigns.resume(id, Operator.of(user)));
  }

  /** Four eyes: an approver's approve or reject, with the note typed on the page (optional). */
  @PostMapping("/campaigns/{id}/{decision:approve|reject}")
  String decide(
      @PathVariable String id,
      @PathVariable String decision,
      @RequestParam(required = false) String note,
      Model model,
      @AuthenticationPrincipal ApiUser user) {
    String why = blankToNull(note);
    return "approve".equals(decision)
        ? act(id, model, "approved", () -> approvals.approve(id, why, user))
        : act(id, model, "rejected", () -> approvals.reject(id, why, user));
  }

  /** The campaign's timeline for the page's charts (the API's {@code /timeline}, same service). */
  @GetMapping("/campaigns/{id}/timeline")
  @ResponseBody
  CampaignTimeline timeline(@PathVariable String id) {
    return timelines.timeline(id);
  }

  private String act(String id, Model model, String done, Supplier<?> action) {
    CampaignPage.Message message;
    try {
      action.get();
      message = new CampaignPage.Message("Campaign " + id + " " + done + ".", false);
    } catch (RequestRejected e) {
      message = new CampaignPage.Message(e.getMessage(), true);
    }
    model.addAttribute("page", pages.campaign(id).withMessage(message));
    model.addAttribute("refreshSeconds", properties.refreshSeconds());
    return "console/parts :: acted";
  }

  private String live(Model model, CampaignPage page) {
    model.addAttribute("page", page);
    model.addAttribute("refreshSeconds", properties.refreshSeconds());
    return "console/campaign :: live";
  }

  private static SpecResult checked(Supplier<SpecResult> call) {
    try {
      return call.get();
    } catch (SpecRejected e) {
      return new SpecResult(null, e.violations(), null);
    } catch (RequestRejected e) {
      return new SpecResult(null, null, e.getMessage());
    }
  }

  private static byte[] bytes(String spec) {
    return spec.getBytes(StandardCharsets.UTF_8);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
