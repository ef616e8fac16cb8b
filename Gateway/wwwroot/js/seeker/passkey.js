// A passkey as a return key: kept on this device (or the person's password manager) beside the phrase, and used to come
// back with no name or words to type. Offered only where the browser has passkeys at all.
import { byId, show } from '../dom.js';

const fromBase64Url = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const toBase64Url = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The server's options (base64url in JSON) as the browser's API takes them. */
function creationOptions(json) {
  return {
    ...json,
    challenge: fromBase64Url(json.challenge),
    user: { ...json.user, id: fromBase64Url(json.user.id) },
    excludeCredentials: (json.excludeCredentials ?? []).map((c) => ({ ...c, id: fromBase64Url(c.id) })),
  };
}

function requestOptions(json) {
  return {
    ...json,
    challenge: fromBase64Url(json.challenge),
    allowCredentials: (json.allowCredentials ?? []).map((c) => ({ ...c, id: fromBase64Url(c.id) })),
  };
}

/** The credential as JSON, the shape PublicKeyCredential.toJSON() gives where a browser has it. */
function answer(credential) {
  const response = {};
  for (const name of ['clientDataJSON', 'attestationObject', 'authenticatorData', 'signature', 'userHandle']) {
    if (credential.response[name]) response[name] = toBase64Url(credential.response[name]);
  }
  if (credential.response.getTransports) response.transports = credential.response.getTransports();
  return {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    response,
    clientExtensionResults: credential.getClientExtensionResults(),
  };
}

async function post(url, { token, body } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body ?? {}) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw Object.assign(new Error(json?.message ?? `status ${response.status}`), { refusal: json, status: response.status });
  return json;
}

/** What the person reads when a passkey did not work: the server's words, or a plain line for the device's own refusals. */
function said(error, fallback) {
  if (error?.name === 'NotAllowedError' || error?.name === 'AbortError') return 'No passkey was used. You can try again, or use the return key words instead.';
  if (error?.status === 503 || error?.status === 429 || !error?.refusal?.message) return fallback;
  return error.refusal.message;
}

/**
 * - token(): the person's bearer token, or nothing before a session
 * - onResumed(token): a passkey opened a session; the page takes it from there
 */
export function offerPasskey({ token, onResumed }) {
  // Passkeys are bound to a domain name: a page reached by IP address cannot use them, so none is offered there.
  const byAddress = /^\d+(\.\d+){3}$/.test(location.hostname) || location.hostname.startsWith('[');
  if (!window.PublicKeyCredential || !navigator.credentials || byAddress) return;
  const keep = byId('keep-passkey');
  const status = byId('keep-key-status');
  const comeBack = byId('come-back-passkey');
  const comeBackError = byId('come-back-passkey-error');
  show(keep);
  show(comeBack);

  keep.addEventListener('click', async () => {
    keep.disabled = true;
    status.textContent = '';
    try {
      const options = await post('/api/me/passkey/options', { token: token() });
      const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
      await post('/api/me/passkey', { token: token(), body: answer(credential) });
      status.textContent = 'Your passkey is kept on this device. Next time, choose "Come back with a passkey".';
    } catch (error) {
      status.textContent = said(error, 'We could not keep a passkey just now. Please try again in a moment.');
    } finally {
      keep.disabled = false;
    }
  });

  comeBack.addEventListener('click', async () => {
    comeBack.disabled = true;
    comeBackError.textContent = '';
    try {
      const options = await post('/api/sessions/passkey/options');
      const credential = await navigator.credentials.get({ publicKey: requestOptions(options) });
      const { token: opened } = await post('/api/sessions/passkey', { body: answer(credential) });
      onResumed(opened);
    } catch (error) {
      comeBackError.textContent = said(error, 'We could not check the passkey just now. Please try again in a moment.');
    } finally {
      comeBack.disabled = false;
    }
  });
}
