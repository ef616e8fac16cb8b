// Web Push for check-ins, only when the person opts in on this device ("Also notify me on this device"). The notice
// says only "You have a new message"; the check-in itself is read on the page.

const workerUrl = '/push-worker.js';

/** Whether this browser can take Web Push at all (it needs a secure page: https, or localhost). */
export function pushSupported() {
  return window.isSecureContext && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/**
 * Asks the browser's permission (so call it from the person's own click), subscribes this device and gives the
 * subscription to the helpline. Resolves to 'subscribed', 'denied' or 'unsupported'; rejects when the helpline
 * could not be reached.
 */
export async function subscribeToPush(token) {
  if (!pushSupported()) return 'unsupported';
  if (await Notification.requestPermission() !== 'granted') return 'denied';

  const registration = await navigator.serviceWorker.register(workerUrl, { scope: '/' });
  await navigator.serviceWorker.ready;
  const keyResponse = await fetch('/api/push/key');
  if (!keyResponse.ok) throw new Error(`push key: status ${keyResponse.status}`);
  const key = fromBase64Url((await keyResponse.json()).publicKey);

  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    // Made under another key pair (the helpline's changed): no notice could reach it.
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });

  const response = await fetch('/api/me/push', {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(subscription),
  });
  if (!response.ok) throw new Error(`subscribe: status ${response.status}`);
  return 'subscribed';
}

/** The helpline forgets this person's subscription (with a token), and this device stops taking notices. */
export async function unsubscribeFromPush(token) {
  if (token) {
    const response = await fetch('/api/me/push', { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok && response.status !== 401 && response.status !== 404) throw new Error(`unsubscribe: status ${response.status}`);
  }
  await forgetPushOnThisDevice();
}

/** This device stops taking notices, without asking the helpline: for the quick exit and after deleting the data. */
export async function forgetPushOnThisDevice() {
  if (!pushSupported()) return;
  const registration = await navigator.serviceWorker.getRegistration('/');
  const subscription = await registration?.pushManager.getSubscription();
  await subscription?.unsubscribe();
}

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function sameKey(buffer, key) {
  if (!buffer) return false;
  const bytes = new Uint8Array(buffer);
  return bytes.length === key.length && bytes.every((b, i) => b === key[i]);
}
