package io.vigil.core.queue;

/**
 * One job of a batch completion: its lease, its result (JSON), and the lease token its worker's next job is
 * leased under ({@code null}: take no next job). Repeating a batch with the same tokens is safe.
 */
public record Completion(Lease lease, String resultJson, String nextToken) {
}
