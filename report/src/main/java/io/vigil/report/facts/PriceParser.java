package io.vigil.report.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds prices in page text: a currency symbol or ISO code before or after an amount ($19.99, €49,
 * 49,90 €, 29 USD, USD 1,299.00). Amounts keep at most two decimals; "1.299" and "1,299" are read as
 * thousands, as shops write them.
 */
public final class PriceParser {
  private static final Map<String, String> SYMBOLS = Map.of("US$", "USD", "C$", "CAD", "A$", "AUD", "$", "USD",
      "€", "EUR", "£", "GBP", "¥", "JPY", "₹", "INR");
  private static final String SYMBOL = "(?:US\\$|C\\$|A\\$|\\$|€|£|¥|₹)";
  private static final String CODE = "(?:USD|EUR|GBP|JPY|CHF|CAD|AUD|INR|CNY|SEK|NOK|DKK|PLN|BRL|MXN)";
  private static final String NUMBER =
      "(?:\\d{1,3}(?:[,.\\u00a0\\u202f]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)(?![\\d])";
  private static final String SPACE = "[ \\u00a0\\u202f]?";
  private static final Pattern PRICE = Pattern.compile(
      "(?<![\\w$€£¥₹.,])(?:"
          + "(?<s1>" + SYMBOL + ")" + SPACE + "(?<n1>" + NUMBER + ")"
          + "|(?<c2>" + CODE + ")" + SPACE + "(?<n2>" + NUMBER + ")"
          + "|(?<n3>" + NUMBER + ")" + SPACE + "(?<s3>" + SYMBOL + ")"
          + "|(?<n4>" + NUMBER + ")" + SPACE + "(?<c4>" + CODE + ")(?![A-Za-z])"
          + ")");

  private PriceParser() {}

  /** Distinct prices in order of first appearance, at most {@code limit}. */
  public static List<Price> find(String text, int limit) {
    Map<String, Price> found = new LinkedHashMap<>();
    Matcher m = PRICE.matcher(text);
    while (m.find() && found.size() < limit) {
      Price price = toPrice(m);
      found.putIfAbsent(price.key(), price);
    }
    return new ArrayList<>(found.values());
  }

  private static Price toPrice(Matcher m) {
    String currency;
    String number;
    if (m.group("s1") != null) {
      currency = SYMBOLS.get(m.group("s1"));
      number = m.group("n1");
    } else if (m.group("c2") != null) {
      currency = m.group("c2");
      number = m.group("n2");
    } else if (m.group("s3") != null) {
      currency = SYMBOLS.get(m.group("s3"));
      number = m.group("n3");
    } else {
      currency = m.group("c4");
      number = m.group("n4");
    }
    return new Price(currency, normalize(number), m.group().replaceAll("[\\u00a0\\u202f]", " "));
  }

  /** "1.299,90" and "1,299.90" become "1299.90"; a last separator followed by three digits groups thousands. */
  static String normalize(String number) {
    String digits = number.replaceAll("[\\u00a0\\u202f]", ",");
    int last = Math.max(digits.lastIndexOf('.'), digits.lastIndexOf(','));
    if (last < 0) {
      return digits;
    }
    String fraction = digits.substring(last + 1);
    String whole = digits.substring(0, last).replaceAll("[.,]", "");
    if (fraction.length() == 3) {
      return whole + fraction;
    }
    return whole + "." + fraction;
  }
}
