package io.vigil.report.facts;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/**
 * A price found in a page: an ISO 4217 currency (symbols mapped: $ to USD, € to EUR, ...), the amount as a
 * plain decimal with '.' as separator, and the text as written on the page.
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
