'use strict';
// Talks to the bot's Direct Line with the official botframework-directlinejs client:
// node directline-client.js <botUrl> <websocket|polling> <text>; prints the echo id and the bot's reply as JSON.
global.XMLHttpRequest = require('xhr2');
global.WebSocket = require('ws');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

const [botUrl, transport, text] = process.argv.slice(2);
const domain = botUrl.replace(/\/$/, '') + '/v3/directline';

function fail(message) {
  console.error(message);
  process.exit(1);
}

(async () => {
  setTimeout(() => fail('no reply within 20 s'), 20000).unref();
  const generated = await fetch(domain + '/tokens/generate', { method: 'POST' });
  if (!generated.ok) fail('tokens/generate answered ' + generated.status);
  const { token } = await generated.json();

  const directLine = new DirectLine({ domain, token, webSocket: transport !== 'polling', pollingInterval: 200 });
  let sentId;
  const seen = [];
  // Activities can arrive before the post's id comes back, and the echo and the reply in either order:
  // check again on every arrival and when the id arrives, and finish once both are there.
  const check = () => {
    const reply = seen.find(a => sentId && a.replyToId === sentId && a.from.role !== 'user' && a.type === 'message');
    const echo = seen.find(a => sentId && a.id === sentId);
    if (reply && echo) {
      console.log(JSON.stringify({ id: sentId, echoed: true, from: echo.from.id, reply: reply.text }));
      directLine.end();
      process.exit(0);
    }
  };
  directLine.activity$.subscribe(activity => {
    seen.push(activity);
    check();
  }, error => fail('activity stream failed: ' + error));

  directLine.connectionStatus$.subscribe(status => {
    if (status === ConnectionStatus.FailedToConnect || status === ConnectionStatus.ExpiredToken) fail('connection status ' + status);
  });

  directLine.postActivity({ type: 'message', from: { id: 'node-user', role: 'user' }, text, locale: 'en-US' })
    .subscribe(id => { sentId = id; check(); }, error => fail('postActivity failed: ' + error.message));
})().catch(error => fail(error.stack || String(error)));
