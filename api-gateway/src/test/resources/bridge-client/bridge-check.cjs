// Run by BridgeClientsTest: speaks to Vigil's bridges as an outside service would and prints one JSON line
// per step on stdout. Usage: node bridge-check.cjs sockjs|tcp|tls <host> <port> <queue> <jobId> <submitToken> <readToken>
// (tls: the TCP bridge over TLS, trusting the test's self-signed certificate).
'use strict';
const [mode, host, port, queue, jobId, submitToken, readToken] = process.argv.slice(2);
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const bearer = (t) => ({ Authorization: `Bearer ${t}` });

// The same calls over either transport: send with a reply, register a handler.
function sockjsBus(ready) {
  const EventBus = require('@vertx/eventbus-bridge-client.js');
  const eb = new EventBus(`http://${host}:${port}/eventbus`);
  const errors = [];
  eb.onerror = (e) => errors.push(e);
  eb.onopen = () => ready({
    send: (address, body, headers) => new Promise((resolve) => eb.send(address, body, headers,
      (err, reply) => resolve(err ? { err } : { body: reply.body }))),
    register: (address, headers, onMessage) => eb.registerHandler(address, headers,
      (err, msg) => onMessage(err ? { err } : { body: msg.body })),
    close: () => eb.close(),
  });
}

// The TCP bridge: each frame is a 4-byte big-endian length and a JSON object.
function tcpBus(ready) {
  const socket = mode === 'tls'
    ? require('tls').connect({ host, port: Number(port), rejectUnauthorized: false })
    : require('net').connect(Number(port), host);
  const pending = new Map();
  const handlers = new Map();
  let buffer = Buffer.alloc(0);
  let next = 0;
  const write = (frame) => {
    const json = Buffer.from(JSON.stringify(frame));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(json.length);
    socket.write(Buffer.concat([len, json]));
  };
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 4 && buffer.length >= 4 + buffer.readUInt32BE(0)) {
      const frame = JSON.parse(buffer.subarray(4, 4 + buffer.readUInt32BE(0)).toString());
      buffer = buffer.subarray(4 + buffer.readUInt32BE(0));
      const result = frame.type === 'err' ? { err: frame } : { body: frame.body };
      if (pending.has(frame.address)) {
        pending.get(frame.address)(result);
        pending.delete(frame.address);
      } else if (handlers.has(frame.address)) {
        handlers.get(frame.address)(result);
      }
    }
  });
  socket.on(mode === 'tls' ? 'secureConnect' : 'connect', () => ready({
    send: (address, body, headers) => new Promise((resolve) => {
      const replyAddress = `reply-${next++}`;
      pending.set(replyAddress, resolve);
      write({ type: 'send', address, replyAddress, headers, body });
    }),
    register: (address, headers, onMessage) => {
      handlers.set(address, onMessage);
      write({ type: 'register', address, headers });
    },
    close: () => socket.end(),
  }));
}

const timeout = setTimeout(() => { out({ step: 'timeout' }); process.exit(3); }, 30000);

(mode === 'sockjs' ? sockjsBus : tcpBus)(async (bus) => {
  const events = [];
  let finished;
  const done = new Promise((r) => { finished = r; });
  bus.register(`vigil.jobs.events.${queue}`, bearer(readToken), (m) => {
    if (m.body && m.body.jobId === jobId) {
      events.push(m.body.event);
      out({ step: 'event', event: m.body.event });
      if (m.body.event === 'completed') finished();
    }
  });
  // Registration is asynchronous on the server; a short pause keeps the first event from racing it.
  await new Promise((r) => setTimeout(r, 300));
  const submitted = await bus.send('vigil.jobs.submit', { queue, name: 'bridged', jobId, data: { from: mode } }, bearer(submitToken));
  out({ step: 'submitted', reply: submitted });
  out({ step: 'bad-token', reply: await bus.send('vigil.jobs.submit', { queue, name: 'x' }, bearer('wrong-token-000000000000')) });
  out({ step: 'read-role', reply: await bus.send('vigil.jobs.submit', { queue, name: 'x' }, bearer(readToken)) });
  out({ step: 'refused-address', reply: await bus.send('vigil.jobs.cancel', { queue, jobId }, bearer(submitToken)) });
  const refusedRegister = new Promise((resolve) => bus.register('vigil.jobs.cancel', bearer(readToken), resolve));
  out({ step: 'refused-register', reply: await refusedRegister });
  await done;
  out({ step: 'done', events });
  clearTimeout(timeout);
  bus.close();
  setTimeout(() => process.exit(0), 100);
});
