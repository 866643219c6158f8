package io.vigil.report.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
class AddressPolicyTest {

  @ParameterizedTest
  @CsvSource({
      "127.0.0.1, loopback", "127.255.0.9, loopback", "::1, loopback",
      "10.0.0.1, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.1.1, private", "fc00::1, private",
      "fd12:3456::1, private",
      "169.254.0.1, link-local", "fe80::1, link-local",
      "169.254.169.254, cloud metadata", "fd00:ec2::254, cloud metadata",
      "0.0.0.0, unspecified", "::, unspecified", "224.0.0.1, multicast", "ff02::1, multicast",
      "100.64.0.1, shared (CGNAT)", "100.127.255.254, shared (CGNAT)", "255.255.255.255, reserved or broadcast",
      "::ffff:10.0.0.1, private", "::ffff:169.254.169.254, cloud metadata", "64:ff9b::a9fe:a9fe, cloud metadata",
      "2002:7f00:1::, loopback", "::127.0.0.1, loopback",
      "64:ff9b:1::808:808, NAT64 local-use", "2001:0:4136:e378:8000:63bf:3fff:fdd2, Teredo"})
  void refusesEveryNonPublicRange(String address, String reason) throws Exception {
    assertThat(AddressPolicy.refusal(InetAddress.getByName(address))).isEqualTo(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "169.255.0.1", "2606:4700::1111",
      "::ffff:8.8.8.8", "2002:0808:0808::"})
  void allowsPublicUnicast(String address) throws Exception {
    assertThat(AddressPolicy.refusal(InetAddress.getByName(address))).isNull();
  }

  @Test
  void anIpv4MappedIpv6AddressIsRefusedAsSuch() throws Exception {
    byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 8, 8, 8, 8};
    assertThat(AddressPolicy.refusal(java.net.Inet6Address.getByAddress(null, mapped, -1))).isEqualTo("IPv4-mapped");
  }

  @Test
  void aHostEntryCoversPorts80And443AndAHostPortEntryOnlyItsPort() {
    AddressPolicy policy = new AddressPolicy(Set.of("127.0.0.1", "internal.example:8443", "::1"));

    assertThat(policy.allowListed("127.0.0.1", 80)).isTrue();
    assertThat(policy.allowListed("127.0.0.1", 443)).isTrue();
    assertThat(policy.allowListed("127.0.0.1", 6379)).isFalse();
    assertThat(policy.allowListed("INTERNAL.example.", 8443)).isTrue();
    assertThat(policy.allowListed("internal.example", 443)).isFalse();
    assertThat(policy.allowListed("[::1]", 8080)).isFalse();
    assertThat(policy.allowListed("localhost", 80)).isFalse();
  }

  @Test
  void resolutionRefusesALoopbackNameUnlessListedAndNeverOnARedirectFromAnUnlistedHost(Vertx vertx) {
    AddressPolicy strict = new AddressPolicy(Set.of());
    AddressPolicy listed = new AddressPolicy(Set.of("localhost:8080"));

    assertThatThrownBy(() -> strict.resolve(vertx, "localhost", 8080, true).await())
        .isInstanceOf(FetchException.class).hasMessage(AddressPolicy.REFUSED);
    assertThat(listed.resolve(vertx, "localhost", 8080, true).await().isLoopbackAddress()).isTrue();
    assertThatThrownBy(() -> listed.resolve(vertx, "localhost", 8081, true).await()).hasMessage(AddressPolicy.REFUSED);
    assertThatThrownBy(() -> listed.resolve(vertx, "localhost", 8080, false).await()).hasMessage(AddressPolicy.REFUSED);
  }

  @Test
  void literalAddressesAreCheckedWithoutDnsAndPortsOtherThanWebPortsNeedAHostPortEntry(Vertx vertx) {
    AddressPolicy policy = new AddressPolicy(Set.of("127.0.0.1", "127.0.0.1:1"));

    assertThat(policy.resolve(vertx, "127.0.0.1", 1, true).await().getHostAddress()).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> policy.resolve(vertx, "127.0.0.1", 2, true).await()).hasMessage(AddressPolicy.REFUSED);
    assertThatThrownBy(() -> policy.resolve(vertx, "8.8.8.8", 25, true).await()).hasMessage(AddressPolicy.REFUSED);
    assertThatThrownBy(() -> policy.resolve(vertx, "169.254.169.254", 80, true).await())
        .isInstanceOf(FetchException.class).hasMessage(AddressPolicy.REFUSED);
    assertThatThrownBy(() -> policy.resolve(vertx, "[fd00:ec2::254]", 80, true).await())
        .hasMessage(AddressPolicy.REFUSED);
  }
}
