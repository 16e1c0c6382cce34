// node bench/idle_connections.mjs PORT COUNT SECONDS: opens COUNT keep-alive connections to
// 127.0.0.1:PORT, sends one GET /healthz on each and, once answered, leaves it idle. Prints
// "open N" when all are answered, then after SECONDS how many the server still holds open.
import net from 'node:net';

const [port, count, seconds] = process.argv.slice(2).map(Number);
const batch = 500;
let answered = 0;
let closed = 0;
const sockets = [];

function open() {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: keep-alive\r\n\r\n');
    });
    let done = false;
    const finish = () => { if (!done) { done = true; resolve(); } };
    socket.on('data', () => { if (!done) { answered += 1; finish(); } });
    socket.on('error', finish);
    socket.on('close', () => { closed += 1; finish(); });
    socket.setTimeout(30000, finish);
    sockets.push(socket);
  });
}

for (let start = 0; start < count; start += batch) {
  await Promise.all(Array.from({ length: Math.min(batch, count - start) }, open));
}
console.log(`open ${answered}`);
setTimeout(() => {
  console.log(`still_open ${sockets.length - closed}`);
  for (const socket of sockets) socket.destroy();
  process.exit(0);
}, seconds * 1000);
