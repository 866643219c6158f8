package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.error.InvalidRequestException;
import io.vigil.report.ReportRequest.Competitor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportRequestTest {

  @Test
  void parsesAValidPayload() {
    ReportRequest request = ReportRequest.parse("""
        {"projectId":"p-1","title":"Weekly","format":"HTML",
         "competitors":[{"name":" Acme ","url":"https://acme.example/pricing?x=1"}]}""", 5);

    assertThat(request).isEqualTo(new ReportRequest("p-1", "Weekly",
        List.of(new Competitor("Acme", "https://acme.example/pricing?x=1")), ReportFormat.HTML));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[] | payload must be an object {projectId, title?, competitors, format}",
      "{\"projectId\":\"p\",\"format\":\"json\",\"competitors\":[],\"extra\":1} | payload field 'extra' is not known",
      "{\"projectId\":\"p:1\",\"format\":\"json\",\"competitors\":[]} | projectId is required and must match",
      "{\"projectId\":\"p\",\"format\":\"pdf\",\"competitors\":[]} | format is required: markdown, html or json",
      "{\"projectId\":\"p\",\"format\":\"json\",\"competitors\":[]} | competitors must be an array of 1 to 2",
      "{\"projectId\":\"p\",\"format\":\"json\",\"competitors\":[{\"name\":\"a\",\"url\":\"http://a\"},{\"name\":\"b\",\"url\":\"http://b\"},{\"name\":\"c\",\"url\":\"http://c\"}]} | competitors must be an array of 1 to 2",
      "{\"projectId\":\"p\",\"format\":\"json\",\"competitors\":[{\"name\":\"a\",\"url\":\"http://a\"},{\"name\":\"a\",\"url\":\"http://b\"}]} | competitors[1].name 'a' appears twice",
      "{\"projectId\":\"p\",\"format\":\"json\",\"competitors\":[{\"name\":\"a\",\"url\":\"http://u:pw@a/\"}]} | competitors[0].url: url must not carry credentials",
      "{\"projectId\":\"p\",\"format\":\"json\",\"competitors\":[{\"name\":\"a\",\"url\":\"/relative\"}]} | competitors[0].url: only http and https URLs are fetched",
      "{\"projectId\":\"p\",\"format\":\"json\",\"competitors\":[{\"name\":\"a\",\"url\":7}]} | url must be a string",
      "{\"projectId\":\"p\",\"format\":\"json\",\"competitors\":[\"http://a\"]} | competitors[0] must be an object {name, url}",
      "not json | payload must be JSON"})
  void refusesABadPayloadNamingTheField(String payload, String message) {
    assertThatThrownBy(() -> ReportRequest.parse(payload, 2)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(message);
  }
}
