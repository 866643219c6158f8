package io.vigil.core.redis;

/** The broker moved to another master ({@code to}, ROLE confirmed; {@code epoch} 0 standalone). */
public record MasterChange(RedisAddress from, RedisAddress to, long epoch) {
}
