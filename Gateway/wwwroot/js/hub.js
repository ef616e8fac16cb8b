import { show } from './dom.js';
// The SignalR connection both pages use: reconnects forever with a gentle back-off, reports its
// state so the page can say "reconnecting", and runs the page's catch-up after every (re)connect.
/* global signalR -- the browser bundle from npm, loaded by a classic script before the modules */

const retryDelaysMs = [0, 1000, 2000, 5000];
const longestRetryDelayMs = 10000;

/**
 * A refused token (expired, or its data deleted) will not get better by retrying. The client
 * wraps a refused negotiation in an error that keeps the status only in its message.
 */
const isRefusedToken = (error) =>
  error?.statusCode === 401 || error?.statusCode === 403 || /Status code '40[13]'/.test(String(error?.message));

/**
 * Never gives up on a bad connection: a person keeps their chat for as long as the page is open.
 * A refused token stops the reconnecting, so that the restart below can report it.
 */
const retryForever = {
  nextRetryDelayInMilliseconds: ({ previousRetryCount, retryReason }) =>
    isRefusedToken(retryReason) ? null : (retryDelaysMs[previousRetryCount] ?? longestRetryDelayMs),
};

/**
 * Opens a hub connection.
 * - token(): the bearer token (sent as access_token, since browsers cannot set WebSocket headers)
 * - handlers: { EventName: fn } for the events the server sends
 * - onState(state): 'connecting' | 'connected' | 'reconnecting'
 * - onConnected(): after the first connect and after every reconnect (catch-up, flush the outbox)
 * - onUnauthorized(): the token was refused; retrying would not help
 */
export function openHub({ url, token, handlers, onState, onConnected, onUnauthorized }) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(url, { accessTokenFactory: token })
    .withAutomaticReconnect(retryForever)
    .configureLogging(signalR.LogLevel.None)
    .build();

  for (const [event, handler] of Object.entries(handlers)) connection.on(event, handler);

  let stopped = false;
  let restartTimer = null;

  const connected = async () => {
    onState('connected');
    await onConnected();
  };

  // The first start, and a restart after the server closed the connection: automatic reconnect
  // only covers connections that were once up, so a start that fails is retried here.
  const start = async (attempt = 0) => {
    if (stopped) return;
    onState(attempt === 0 ? 'connecting' : 'reconnecting');
    try {
      await connection.start();
    } catch (error) {
      if (isRefusedToken(error)) {
        stopped = true;
        onUnauthorized();
        return;
      }
      const delay = retryDelaysMs[attempt + 1] ?? longestRetryDelayMs;
      restartTimer = setTimeout(() => start(attempt + 1), delay);
      return;
    }
    await connected();
  };

  connection.onreconnecting(() => onState('reconnecting'));
  connection.onreconnected(connected);
  connection.onclose(() => {
    if (!stopped) start(1);
  });

  // Coming back online should not wait for the next back-off step.
  window.addEventListener('online', () => {
    if (!stopped && restartTimer !== null && connection.state === signalR.HubConnectionState.Disconnected) {
      clearTimeout(restartTimer);
      start(1);
    }
  });

  start();

  return {
    invoke: (method, ...args) => connection.invoke(method, ...args),
    get isConnected() {
      return connection.state === signalR.HubConnectionState.Connected;
    },
    stop() {
      stopped = true;
      clearTimeout(restartTimer);
      return connection.stop();
    },
  };
}

/**
 * The hub sends its refusals as "code: message" (a HubException). Anything else is the
 * connection failing under the call, which is worth retrying.
 */
export function hubRefusal(error) {
  const text = String(error?.message ?? '');
  const marker = 'HubException: ';
  const at = text.indexOf(marker);
  if (at < 0) return null;
  const detail = text.slice(at + marker.length);
  const colon = detail.indexOf(': ');
  return colon < 0 ? { code: 'error', message: detail } : { code: detail.slice(0, colon), message: detail.slice(colon + 2) };
}

// The banner both pages show while the connection is down, and briefly once it is back.
export function connectionBanner(banner, downText) {
  let backOnlineTimer = null;
  let wasDown = false;
  return (state) => {
    clearTimeout(backOnlineTimer);
    if (state === 'reconnecting') {
      wasDown = true;
      banner.className = 'connection down';
      banner.textContent = downText;
      show(banner);
    } else if (state === 'connected' && wasDown) {
      wasDown = false;
      banner.className = 'connection up';
      banner.textContent = 'Connected again.';
      backOnlineTimer = setTimeout(() => show(banner, false), 3000);
    } else if (state === 'connected') {
      show(banner, false);
    }
  };
}
