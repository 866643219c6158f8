package io.vigil.report.facts;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/**
 * A price found in a page.
 *
 * @param currency ISO 4217 code (a symbol is mapped: $ to USD, € to EUR, ...)
 * @param amount the amount as a plain decimal, decimal separator normalised to '.'
 * @param text the price as it was written on the page
 */
public record Price(String currency, String amount, String text) {

  /** Equal for the same currency and value, however written ($49 and USD 49.00). */
  public String key() {
    return key(currency, amount);
  }

  public static String key(String currency, String amount) {
    return currency + " " + new BigDecimal(amount).stripTrailingZeros().toPlainString();
  }

  public JsonObject toJson() {
    return new JsonObject().put("currency", currency).put("amount", amount).put("text", text);
  }
}
