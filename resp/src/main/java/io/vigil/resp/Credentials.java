package io.vigil.resp;

/**
 * A user and password to AUTH with; {@code user} null means the default user, {@code password} null
 * means no AUTH at all. {@link #toString} never shows the password.
 */
public record Credentials(String user, String password) {

  public static final Credentials NONE = new Credentials(null, null);

  public Credentials {
    user = user == null || user.isBlank() ? null : user;
    password = password == null || password.isEmpty() ? null : password;
    if (user != null && password == null) {
      throw new IllegalArgumentException("user " + user + " needs a password");
    }
  }

  public String userName() {
    return user == null ? "default" : user;
  }

  public boolean isSet() {
    return password != null;
  }

  @Override
  public String toString() {
    return password == null ? "no auth" : "user " + userName() + " with a password";
  }
}
