// The return key on the seeker page: keeping one (shown once, with what is kept and for how long) and coming back
// with one on any device. The key is never stored in the browser: the person writes it down or copies it.
import { byId, show, fill, el } from '../dom.js';
import { hubRefusal } from '../hub.js';

/** "30 days", "12 hours", "45 minutes": the retention period as the page says it. */
export function periodInWords(seconds) {
  const count = (n, unit) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds >= 86400) return count(Math.round(seconds / 86400), 'day');
  if (seconds >= 3600) return count(Math.round(seconds / 3600), 'hour');
  return count(Math.max(1, Math.round(seconds / 60)), 'minute');
}

async function retention() {
  try {
    const response = await fetch('/api/privacy');
    if (response.ok) return periodInWords((await response.json()).retentionSeconds);
  } catch {
    // Said without the number below rather than not at all.
  }
  return null;
}

function tellTerms(target, period) {
  const kept = period ? `for ${period}` : 'for a limited time';
  fill(target,
    el('p', {}, 'A return key is a short phrase of random words. With it you can come back to these chats as the same anonymous person, on any device.'),
    el('p', {}, `What we keep: your chats, your plan and check-in answers, and the key (or a passkey, if you keep one on this device). We keep each chat ${kept} after its last message, and the rest ${kept} after it last changed or you last used it; then they are erased. The key is kept only in a scrambled form that cannot be turned back into the words. We never ask for a name, e-mail or phone number.`),
    el('p', {}, '"Delete my data" erases all of it at once, the key and any passkey included.'),
    el('p', {}, 'If you lose the key, nobody can find it for you: you simply start afresh. Making a new key replaces the old one.'));
}

/**
 * - hub(): the page's open seeker connection, or null
 * - onResumed(token): the key opened a session; the page takes it from there
 */
export function offerReturnKey({ hub, onResumed }) {
  const dialog = byId('keep-key');
  const make = byId('keep-key-make');
  const shown = byId('keep-key-shown');
  const phrase = byId('keep-key-phrase');
  const status = byId('keep-key-status');
  let period = null;

  retention().then((words) => {
    period = words;
    tellTerms(byId('keep-key-terms'), period);
    tellTerms(byId('come-back-terms'), period);
  });

  for (const opener of document.querySelectorAll('[data-opens="keep-key"]')) {
    opener.addEventListener('click', () => {
      // Shown once: opening the dialog again starts from the offer, not from an old key.
      phrase.textContent = '';
      show(shown, false);
      status.textContent = '';
      make.textContent = 'Make my return key';
      dialog.showModal();
    });
  }
  byId('keep-key-close').addEventListener('click', () => {
    phrase.textContent = '';
    dialog.close();
  });
  dialog.addEventListener('close', () => {
    phrase.textContent = '';
  });

  make.addEventListener('click', async () => {
    const connection = hub();
    if (!connection?.isConnected) {
      status.textContent = 'We are not connected just now. Please try again in a moment.';
      return;
    }
    make.disabled = true;
    status.textContent = '';
    try {
      phrase.textContent = await connection.invoke('SaveReturnKey');
      show(shown);
      make.textContent = 'Make a new key instead';
      phrase.focus();
    } catch (error) {
      status.textContent = hubRefusal(error)?.message ?? 'We could not make a key just now. Please try again in a moment.';
    } finally {
      make.disabled = false;
    }
  });

  byId('keep-key-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(phrase.textContent);
      status.textContent = 'Copied. Keep it somewhere only you can find it.';
    } catch {
      // No clipboard (an older browser, or not allowed): select the words so they can be copied by hand.
      getSelection().selectAllChildren(phrase);
      status.textContent = 'Select the words and copy them, or write them down.';
    }
  });

  byId('come-back-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = byId('come-back-key');
    const error = byId('come-back-error');
    const button = event.currentTarget.querySelector('button[type=submit]');
    error.textContent = '';
    button.disabled = true;
    try {
      const response = await fetch('/api/sessions/resume', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ returnKey: input.value }),
      });
      if (response.ok) {
        const { token } = await response.json();
        input.value = '';
        onResumed(token);
        return;
      }
      const body = await response.json().catch(() => null);
      error.textContent = response.status === 503 || !body?.message
        ? 'We could not check the key just now. Please try again in a moment.'
        : body.message;
    } catch {
      error.textContent = 'We could not check the key. Please check your connection and try again.';
    } finally {
      button.disabled = false;
    }
  });
}
