package com.campaigns.ledger;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The ledger's repositories over the application's DataSource (Flyway migrates it at startup). */
@Configuration(proxyBeanMethods = false)
public class LedgerConfiguration {

  /** Builds every repository from one DataSource; also used by tests without Spring. */
  public record Ledger(
      IssuanceLedger issuance,
      CampaignIndex campaigns,
      CouponUses uses,
      FlowRows flows,
      Reconciliations reconciliations,
      SendSlots slots) {

    public static Ledger over(DataSource dataSource) {
      JdbcClient jdbc = JdbcClient.create(dataSource);
      JdbcTemplate template = new JdbcTemplate(dataSource);
      TransactionTemplate tx =
          new TransactionTemplate(new DataSourceTransactionManager(dataSource));
      return new Ledger(
          new IssuanceLedger(jdbc, template, tx),
          new CampaignIndex(jdbc),
          new CouponUses(jdbc),
          new FlowRows(jdbc, template, tx),
          new Reconciliations(jdbc, tx),
          new SendSlots(jdbc, tx));
    }
  }

  @Bean
  Ledger ledger(DataSource dataSource) {
    ServerVersion.require(dataSource);
    return Ledger.over(dataSource);
  }

  @Bean
  IssuanceLedger issuanceLedger(Ledger ledger) {
    return ledger.issuance();
  }

  @Bean
  CampaignIndex campaignIndex(Ledger ledger) {
    return ledger.campaigns();
  }

  @Bean
  CouponUses couponUses(Ledger ledger) {
    return ledger.uses();
  }

  @Bean
  FlowRows flowRows(Ledger ledger) {
    return ledger.flows();
  }

  @Bean
  Reconciliations reconciliations(Ledger ledger) {
    return ledger.reconciliations();
  }

  @Bean
  SendSlots sendSlots(Ledger ledger) {
    return ledger.slots();
  }
}
