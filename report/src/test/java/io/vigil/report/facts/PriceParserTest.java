package io.vigil.report.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceParserTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Starter $19.99 per month | USD | 19.99 | $19.99",
      "Only €49 today | EUR | 49 | €49",
      "29 USD billed yearly | USD | 29 | 29 USD",
      "USD 1,299.00 once | USD | 1299.00 | USD 1,299.00",
      "Pro: 49,90 € / Monat | EUR | 49.90 | 49,90 €",
      "Ab 1.299 € | EUR | 1299 | 1.299 €",
      "£5 off | GBP | 5 | £5",
      "From US$ 12.5 | USD | 12.5 | US$ 12.5",
      "CHF 15.50 | CHF | 15.50 | CHF 15.50",
      "¥1,000 | JPY | 1000 | ¥1,000"})
  void findsCurrencyAndAmount(String text, String currency, String amount, String written) {
    assertThat(PriceParser.find(text, 10)).containsExactly(new Price(currency, amount, written));
  }

  @Test
  void ignoresNumbersWithoutCurrencyAndCodesInsideWords() {
    assertThat(PriceParser.find("Version 2.5 has 300 features, see EURO2024 and XUSD 5", 10)).isEmpty();
  }

  @Test
  void keepsDistinctPricesInPageOrderUpToTheLimit() {
    List<Price> prices = PriceParser.find("$10 then $20, again $10.00 and USD 10, then $30 and $40", 3);

    assertThat(prices).extracting(Price::text).containsExactly("$10", "$20", "$30");
  }
}
