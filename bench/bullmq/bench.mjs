// BullMQ 6.7.0 on the engine benchmark's workloads, against the Redis the bench names: printed as
// `bullmq_<name> value unit`, CPU per job for Redis (INFO cpu) and this Node process.
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';

const connection = {
  host: process.env.BENCH_REDIS_HOST || '127.0.0.1',
  port: Number(process.env.BENCH_REDIS_PORT || 6379),
  password: process.env.BENCH_REDIS_PASSWORD || undefined,
  maxRetriesPerRequest: null,
};
const jobs = Number(process.env.BENCH_JOBS || 50000);
const prefix = 'vigil-bench-bullmq';
const payload = { p: 'x'.repeat(192) }; // 200 bytes as JSON, as the Vigil workloads
const run = Date.now().toString(36);
const admin = new IORedis(connection);

async function redisCpuSeconds() {
  const info = await admin.info('cpu');
  return [...info.matchAll(/used_cpu_(?:sys|user):([\d.]+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

async function usedMemory() {
  return Number((await admin.info('memory')).match(/used_memory:(\d+)/)[1]);
}

async function meter() {
  const redisStart = await redisCpuSeconds();
  const nodeStart = process.cpuUsage();
  return async (count) => {
    const redisUs = ((await redisCpuSeconds()) - redisStart) * 1e6 / count;
    const used = process.cpuUsage(nodeStart);
    return [redisUs, (used.user + used.system) / count];
  };
}

function print(name, value, unit) {
  console.log(`bullmq_${name} ${value.toFixed(2)} ${unit}`);
}

function report(name, value, unit, [redisUs, nodeUs]) {
  print(name, value, unit);
  print(`${name}_redis_cpu_us`, redisUs, 'us/job');
  print(`${name}_node_cpu_us`, nodeUs, 'us/job');
}

async function enqueueBulk(queue, total) {
  const start = process.hrtime.bigint();
  let inFlight = [];
  for (let sent = 0; sent < total; sent += 1000) {
    const bulk = Array.from({ length: Math.min(1000, total - sent) },
      () => ({ name: 'bench', data: payload, opts: { removeOnComplete: true } }));
    inFlight.push(queue.addBulk(bulk));
    if (inFlight.length === 4) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  await Promise.all(inFlight);
  return Number(process.hrtime.bigint() - start);
}

function drain(name, total, processor = async () => {}) {
  return new Promise((resolve, reject) => {
    let done = 0;
    const start = process.hrtime.bigint();
    const worker = new Worker(name, processor, { connection, prefix, concurrency: 50 });
    worker.on('completed', () => {
      if (++done === total) {
        const elapsed = Number(process.hrtime.bigint() - start);
        worker.close().then(() => resolve(elapsed), reject);
      }
    });
    worker.on('error', reject);
  });
}

async function withQueue(name, action) {
  const queue = new Queue(name, { connection, prefix });
  try {
    return await action(queue);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

async function main() {
  await withQueue(`warm-${run}`, async (queue) => {
    await enqueueBulk(queue, 20000);
    await drain(queue.name, 20000);
  });

  await withQueue(`enqueue-${run}`, async (queue) => {
    let cpu = await meter();
    const ns = await enqueueBulk(queue, jobs);
    report('enqueue_bulk1000', jobs / (ns / 1e9), 'jobs/s', await cpu(jobs));
    cpu = await meter();
    const drained = await drain(queue.name, jobs);
    report('process_c50', jobs / (drained / 1e9), 'jobs/s', await cpu(jobs));
  });

  await withQueue(`latency-${run}`, async (queue) => {
    const total = 10000;
    const waits = [];
    const consumer = drain(queue.name, total, async (job) => {
      waits.push(Number(process.hrtime.bigint() - BigInt(job.data.sentAt)) / 1e6);
    });
    await new Promise((r) => setTimeout(r, 300));
    const cpu = await meter();
    const start = process.hrtime.bigint();
    const adds = [];
    for (let i = 0; i < total; i++) {
      // Sleeps until due (timers, not a spin, which would steal a core from Redis on a 2-core machine).
      const wait = Number(start + BigInt(i) * 1000000n - process.hrtime.bigint()) / 1e6;
      if (wait >= 1) {
        await new Promise((r) => setTimeout(r, wait));
      }
      adds.push(queue.add('latency', { sentAt: process.hrtime.bigint().toString(), p: payload.p },
        { removeOnComplete: true }));
    }
    await Promise.all(adds);
    await consumer;
    waits.sort((a, b) => a - b);
    report('latency_p50_at1000', waits[Math.floor(total / 2)], 'ms', await cpu(total));
    print('latency_p99_at1000', waits[Math.floor(total * 0.99)], 'ms');
  });

  await withQueue(`memory-${run}`, async (queue) => {
    const before = await usedMemory();
    await enqueueBulk(queue, jobs);
    print('mem_per_waiting_job', ((await usedMemory()) - before) / jobs, 'bytes');
  });
  await admin.quit();
}

main().catch((e) => {
  console.error(`bullmq bench failed: ${e.stack || e}`);
  process.exit(1);
});
