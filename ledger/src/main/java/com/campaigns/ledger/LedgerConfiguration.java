package com.campaigns.ledger;

import java.lang.reflect.RecordComponent;
import javax.sql.DataSource;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

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
    return Ledger.over(dataSource);
  }

  /**
   * Each repository of the {@link Ledger} becomes a bean of its own type, made by the ledger bean's
   * accessor, so the record stays the one list of repositories.
   */
  @Bean
  static BeanDefinitionRegistryPostProcessor ledgerRepositories() {
    return registry -> {
      for (RecordComponent repository : Ledger.class.getRecordComponents()) {
        RootBeanDefinition bean = new RootBeanDefinition();
        bean.setTargetType(repository.getType());
        bean.setFactoryBeanName("ledger");
        bean.setFactoryMethodName(repository.getAccessor().getName());
        registry.registerBeanDefinition(
            StringUtils.uncapitalize(repository.getType().getSimpleName()), bean);
      }
    };
  }
}
