// The benchmark's peer: a Node `ws` 8 server on 127.0.0.1, a process none of the clients is.
//   /echo  sends every message back as it came (text stays text, binary stays binary)
//   /sink  counts messages and bytes; the text message "__done__" is answered with
//          "count <messages> <bytes>" (the marker itself not counted) and resets the counters.
// Prints "PORT <n>" on stdout once listening. Ends when its stdin closes (the harness ended)
// or after --max-seconds, whichever comes first, so that it never outlives a run.
'use strict';
const http = require('http');
const { WebSocketServer } = require('ws');

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const port = Number(arg('--port', '0'));
const maxSeconds = Number(arg('--max-seconds', '3600'));
const DONE = '__done__';

const server = http.createServer((req, res) => {
  res.writeHead(426);
  res.end();
});
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });

wss.on('connection', (ws, req) => {
  if (req.url === '/echo') {
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  } else if (req.url === '/sink') {
    let messages = 0;
    let bytes = 0;
    ws.on('message', (data, isBinary) => {
      if (!isBinary && data.length === DONE.length && data.toString() === DONE) {
        ws.send(`count ${messages} ${bytes}`);
        messages = 0;
        bytes = 0;
        return;
      }
      messages++;
      bytes += data.length;
    });
  } else {
    ws.close(1008, 'unknown path');
  }
  ws.on('error', () => {});
});

server.listen({ host: '127.0.0.1', port, backlog: 4096 }, () => {
  process.stdout.write(`PORT ${server.address().port}\n`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
setTimeout(() => process.exit(0), maxSeconds * 1000).unref();
