// A small TCP proxy for fault tests: put it between `bank serve` and DynamoDB (the server's
// AWS_ENDPOINT_URL_DYNAMODB names the proxy) and make the database go away and come back.
//
//   const proxy = await startTcpProxy({ port: upstreamPort });
//   proxy.url                     http://127.0.0.1:<proxy port>
//   await proxy.pause('refuse')   new connections are refused (ECONNREFUSED: the listener is
//                                 closed), existing ones are cut
//   await proxy.pause('blackhole') new connections are accepted and never answered (whatever
//                                 they send is swallowed), existing ones are cut
//   await proxy.pause('throttle') every HTTP request on a new connection is answered at once
//                                 with DynamoDB's 400 ThrottlingException (keep-alive), existing
//                                 connections are cut
//   await proxy.resume()          forwarding again on the same port; black-holed and
//                                 throttled connections are cut
//   proxy.loseAnswers(text, n)    the next n requests that contain `text` (say
//                                 "TransactWriteItems") are forwarded, and their connection
//                                 is cut as the answer starts: the write reached DynamoDB, its
//                                 answer never reaches the server
//   await proxy.close()
//   proxy.stats                   { forwarded, refused, blackholed, throttled, cut, lost }
//
// Only Node built-ins.

import net from 'node:net';

const THROTTLE_BODY = JSON.stringify({
  __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
  message: 'Rate of requests exceeds the allowed throughput.',
});

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (error) => { server.off('listening', onListening); reject(error); };
    const onListening = () => { server.off('error', onError); resolve(server.address().port); };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

// Answers each complete HTTP request that arrives on `socket` with a ThrottlingException.
function throttleConnection(socket, stats) {
  let buffered = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffered.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] || 0);
      const expectsContinue = /\r\nexpect:\s*100-continue/i.test(head);
      if (!expectsContinue && buffered.length < end + 4 + length) return;
      buffered = expectsContinue ? Buffer.alloc(0) : buffered.subarray(end + 4 + length);
      stats.throttled += 1;
      const body = Buffer.from(THROTTLE_BODY);
      socket.write(
        'HTTP/1.1 400 Bad Request\r\n' +
        'Content-Type: application/x-amz-json-1.0\r\n' +
        'x-amzn-RequestId: THROTTLEDBYTESTPROXY\r\n' +
        `Content-Length: ${body.length}\r\n` +
        `Connection: ${expectsContinue ? 'close' : 'keep-alive'}\r\n\r\n`,
      );
      socket.write(body);
      if (expectsContinue) { socket.end(); return; }
    }
  });
}

export async function startTcpProxy({ host = '127.0.0.1', port: upstreamPort, listenPort = 0 }) {
  const live = new Set();       // [client, upstream] pairs being forwarded
  const held = new Set();       // black-holed or throttled client sockets
  const stats = { forwarded: 0, refused: 0, blackholed: 0, throttled: 0, cut: 0, lost: 0 };
  const losing = { text: '', count: 0 };
  let mode = 'forward';

  const onConnection = (client) => {
    client.on('error', () => {});
    if (mode === 'blackhole' || mode === 'throttle') {
      held.add(client);
      client.on('close', () => held.delete(client));
      if (mode === 'blackhole') {
        stats.blackholed += 1;
        client.on('data', () => {}); // swallowed
      } else {
        throttleConnection(client, stats);
      }
      return;
    }
    if (mode !== 'forward') { stats.refused += 1; client.destroy(); return; }
    stats.forwarded += 1;
    const upstream = net.connect(upstreamPort, host);
    const pair = [client, upstream];
    live.add(pair);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    const drop = () => { live.delete(pair); client.destroy(); upstream.destroy(); };
    client.on('close', drop);
    upstream.on('close', drop);
    let loseThisAnswer = false;
    client.on('data', (chunk) => {
      if (losing.count > 0 && chunk.includes(losing.text)) {
        losing.count -= 1;
        loseThisAnswer = true;
      }
    });
    client.pipe(upstream);
    upstream.on('data', (chunk) => {
      if (!loseThisAnswer) {
        client.write(chunk);
        return;
      }
      stats.lost += 1;
      loseThisAnswer = false;
      drop();
    });
    upstream.on('end', () => client.end());
  };

  let server = net.createServer(onConnection);
  const port = await listen(server, listenPort);

  const cutLive = () => {
    for (const pair of live) {
      stats.cut += 1;
      for (const socket of pair) {
        if (typeof socket.resetAndDestroy === 'function' && !socket.destroyed) socket.resetAndDestroy();
        else socket.destroy();
      }
    }
    live.clear();
  };
  const cutHeld = () => {
    for (const socket of held) socket.destroy();
    held.clear();
  };

  const proxy = {
    port,
    url: `http://127.0.0.1:${port}`,
    stats,
    get mode() { return mode; },
    loseAnswers(text, count = 1) {
      losing.text = text;
      losing.count = count;
    },
    async pause(how = 'refuse') {
      if (!['refuse', 'blackhole', 'throttle'].includes(how)) throw new Error(`unknown pause mode ${how}`);
      if (mode === 'refuse' && how !== 'refuse') await proxy.resume();
      cutHeld();
      mode = how;
      if (how === 'refuse' && server.listening) {
        // A closed listener: connecting fails at once with ECONNREFUSED.
        await new Promise((resolve) => { server.close(); resolve(); });
      }
      cutLive();
    },
    async resume() {
      cutHeld();
      mode = 'forward';
      if (!server.listening) {
        server = net.createServer(onConnection);
        for (let attempt = 0; ; attempt += 1) {
          try {
            await listen(server, port);
            break;
          } catch (error) {
            if (error.code !== 'EADDRINUSE' || attempt >= 50) throw error;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      }
    },
    async close() {
      mode = 'closed';
      cutHeld();
      cutLive();
      if (server.listening) await new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
