package io.vigil.core.redis;

/**
 * The broker moved to another master.
 *
 * @param from the master it used before
 * @param to the master it uses now (ROLE confirmed)
 * @param epoch Sentinel's config epoch of the new master (0 for standalone)
 */
public record MasterChange(RedisAddress from, RedisAddress to, long epoch) {
}
