package io.vigil.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns an {@code Authorization} header into a {@link Caller}. Tokens are kept only as SHA-256 digests, so a
 * lookup's timing depends on the digest, not the secret; with no tokens (VIGIL_INSECURE) every caller is an admin.
 */
public final class Authenticator {
  private static final String BEARER = "bearer ";
  private final Map<String, Caller> byDigest = new HashMap<>();
  private final boolean open;

  public Authenticator(List<ApiToken> tokens) {
    this.open = tokens.isEmpty();
    for (ApiToken token : tokens) {
      byDigest.put(digest(token.token()), new Caller(token.name(), token.role(), token.queues()));
    }
  }

  /** The caller for this header value, or null when it is missing, malformed or unknown. */
  public Caller authenticate(String authorization) {
    if (open) {
      return Caller.ANONYMOUS_ADMIN;
    }
    if (authorization == null || authorization.length() <= BEARER.length() || authorization.length() > 1024
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return byDigest.get(digest(authorization.substring(BEARER.length()).trim()));
  }

  private static String digest(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
