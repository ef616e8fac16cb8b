// The help-seeker page: anonymous start, chat with the AI, a person when wanted, and a chat
// that survives a bad connection without losing or doubling a message.
import { el, byId, show, fill, formatTime, followNewest } from './dom.js';
import { openHub, hubRefusal, connectionBanner } from './hub.js';
import { Transcript, Outbox, catchUp, retryDelayMs } from './transcript.js';
import { renderParts } from './parts.js';
import { region, crisisLines, telHref } from './crisis-lines.js';
import { waitInWords, isRedFlag } from './labels.js';
import { forgetPushOnThisDevice } from './seeker/push.js';
import { offerReturnKey } from './seeker/return-key.js';
import { offerPasskey } from './seeker/passkey.js';
import { pastChats } from './seeker/past-chats.js';
import { continuity } from './seeker/continuity.js';

const neutralSite = 'https://www.bbc.co.uk/weather';
// Only what a reload or reconnect needs: the anonymous token and the open conversation.
const storageKey = 'storiboard.seeker';

let session = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null'); // { token, conversationId }
let hub = null;
let outbox = null;
let transcript = null;
let conversation = null; // the last ConversationView

const showNewest = followNewest(byId('scroller'), byId('messages'), { own: '.from-seeker' });
const composer = byId('composer');
const composerText = byId('composer-text');
const askPerson = byId('ask-person');

// ---- quick exit: first in the tab order, and Escape twice --------------------------------

function quickExit() {
  // The connection goes first, so it does not try again with the token the server is about to revoke.
  hub?.stop().catch(() => {});
  // Sent with keepalive, so it outlives the page: the person's conversations end on the server, and no supporter
  // accepts a chat with nobody in it. The page never waits for it.
  if (session?.token) {
    fetch('/api/me/quick-exit', {
      method: 'POST', keepalive: true, headers: { Authorization: `Bearer ${session.token}` },
    }).catch(() => {});
  }
  sessionStorage.clear();
  // Nor may a notice appear on this device later.
  forgetPushOnThisDevice().catch(() => {});
  // Hidden at once, not emptied: a late event from the closing connection still finds the elements it updates.
  document.body.style.display = 'none';
  document.title = 'Weather';
  location.replace(neutralSite);
}

byId('quick-exit').addEventListener('click', quickExit);
// Two presses within a second and a half: forgiving for someone in a hurry, unlikely by accident.
let lastEscape = -Infinity;
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  if (event.timeStamp - lastEscape < 1500) quickExit();
  lastEscape = event.timeStamp;
});

// ---- first screen -------------------------------------------------------------------------

function crisisSentence(target) {
  fill(target,
    'If you are in danger right now, call ',
    el('a', { class: 'tel', href: telHref(crisisLines.emergency) }, crisisLines.emergency),
    ` or ${crisisLines.name} on `,
    el('a', { class: 'tel', href: telHref(crisisLines.number) }, crisisLines.number),
    ` (${crisisLines.note}).`);
}
crisisSentence(byId('welcome-crisis'));
crisisSentence(byId('ended-crisis'));
crisisSentence(byId('crisis-strip'));

byId('start').addEventListener('click', async (event) => {
  const button = event.currentTarget;
  button.disabled = true;
  byId('start-error').textContent = '';
  try {
    const response = await fetch('/api/sessions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ language: 'en', region }),
    });
    if (response.status === 429 || response.status === 503) {
      // Busy or briefly unavailable: say so plainly, and how long to wait when the server said.
      const wait = Number(response.headers.get('Retry-After'));
      byId('start-error').textContent = wait > 0 && wait < 120
        ? `We could not start the chat just now. Please try again in ${wait} seconds.`
        : 'We could not start the chat just now. Please try again in a moment.';
      return;
    }
    if (!response.ok) throw new Error(`status ${response.status}`);
    const { token } = await response.json();
    session = { token, conversationId: null };
    saveSession();
    enterChat();
  } catch {
    byId('start-error').textContent = 'We could not start the chat. Please check your connection and try again.';
  } finally {
    button.disabled = false;
  }
});

function saveSession() {
  sessionStorage.setItem(storageKey, JSON.stringify(session));
}

// ---- the chat -----------------------------------------------------------------------------

function enterChat() {
  showOnly('chat');
  newTranscript();
  starting = null; // a start on an earlier connection belongs to that one
  hub = openHub({
    url: '/hubs/seeker',
    token: () => session.token,
    // CatchUp: the server may have lost pushes (a host died); fetch what was missed as after a reconnect.
    handlers: { Message: onMessage, Conversation: applyConversation, CatchUp: () => resume(), ...after.handlers },
    onState: connectionBanner(byId('connection'), 'Reconnecting… what you write will be sent when the connection is back.'),
    onConnected: () => Promise.all([resume(), after.refresh()]),
    // The session is gone (deleted, or expired): begin again from the first screen.
    onUnauthorized: beginAgain,
  });
  outbox = new Outbox(hub, {
    onStored: (message) => transcript.add(message),
    onRefused: (item, refusal) => transcript.markRefused(item.clientMessageId, refusal.message),
    onRetrying: (item) => transcript.markRetrying(item.clientMessageId),
  });
  composerText.focus();
}

function beginAgain() {
  hub?.stop();
  after.clear();
  sessionStorage.removeItem(storageKey);
  session = null;
  showOnly('welcome');
}

function newTranscript() {
  byId('messages').replaceChildren();
  // Until the conversation exists there is nobody to ask a person for: applyConversation enables it.
  askPerson.disabled = true;
  transcript = new Transcript(byId('messages'), { render: renderMessage, renderPending });
}

/** After every connect: start the conversation once, then fetch what was missed and send what waited. */
async function resume() {
  clearTimeout(resumeTimer); // a reconnect's own resume replaces a retry still waiting
  try {
    if (!session.conversationId) {
      // A CatchUp (sent by a gateway that has just started or lost a silo) can arrive while the first start is still
      // on its way: it waits for that start instead of making a second conversation.
      if (!starting) {
        const start = hub.invoke('StartConversation');
        starting = start;
        start.catch(() => {}).finally(() => { if (starting === start) starting = null; });
      }
      const view = await starting;
      if (!session.conversationId) {
        session.conversationId = view.conversationId;
        saveSession();
        applyConversation(view);
        if (sendWhenStarted) composer.requestSubmit();
      }
    } else {
      // After a reload or a reconnect: where the conversation stands now (still waiting, with whom), then what was missed.
      applyConversation(await hub.invoke('View', session.conversationId));
    }
    await catchUp(hub, session.conversationId, transcript);
    await outbox.flush();
  } catch (error) {
    // A dropped connection is retried by the hub, which calls resume again; a fault on the server's side
    // ("unavailable") is retried here after a back-off; a refusal is shown.
    const refusal = hubRefusal(error);
    if (refusal?.code === 'unavailable') {
      resumeAttempt += 1;
      resumeTimer = setTimeout(() => {
        if (session && hub?.isConnected) resume();
      }, retryDelayMs(resumeAttempt));
      return;
    }
    if (refusal?.code === 'not_found' && session && !session.conversationId) {
      // The session was never used and has been cleared: begin again from the first screen.
      beginAgain();
      return;
    }
    if (refusal) showNotice(refusal.message);
    return;
  }
  resumeAttempt = 0;
}

let resumeAttempt = 0;
let resumeTimer = null;
let starting = null; // the StartConversation call in flight, if any

function onMessage(message) {
  if (!session || message.conversationId !== session.conversationId) return;
  // The server never sends a whisper here; should one ever arrive, it is not for this page.
  if (message.whisper) return;
  transcript.add(message);
  if (transcript.hasGap) catchUp(hub, session.conversationId, transcript).catch(() => {});
}

// A message sent in the moment before the conversation exists stays in the box and goes out as soon as it does.
let sendWhenStarted = false;

composer.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = composerText.value.trim();
  if (!text) return;
  sendWhenStarted = !session?.conversationId;
  if (sendWhenStarted) return;
  composerText.value = '';
  const clientMessageId = outbox.send(session.conversationId, text);
  transcript.addPending(clientMessageId, text);
  showNewest();
});

composerText.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    composer.requestSubmit();
  }
});

askPerson.addEventListener('click', async () => {
  askPerson.disabled = true;
  try {
    applyConversation(await hub.invoke('RequestPeer', session.conversationId));
  } catch (error) {
    askPerson.disabled = false;
    showNotice(hubRefusal(error)?.message ?? 'We could not ask for a person just now. Please try again in a moment.');
  }
});

// ---- what the conversation is doing -------------------------------------------------------

function applyConversation(view) {
  if (!session || view.conversationId !== session.conversationId) return;
  conversation = view;
  const status = String(view.status).toLowerCase();

  askPerson.disabled = status !== 'ai';
  askPerson.textContent = status === 'ai' ? 'Talk to a person' : status === 'waiting' ? 'Asked for a person' : 'With a person';

  show(byId('waiting'), status === 'waiting');
  if (status === 'waiting') showStanding(view);
  setBreathing(status === 'waiting');

  // After a red flag the lines stay in view above the message box, however far the chat scrolls on.
  show(byId('crisis-strip'), isRedFlag(view.risk));
  if (status === 'ended') conversationEnded();
  after.redraw();
}

function showStanding(view) {
  const standing = byId('queue-standing');
  if (view.nobodyOnline) {
    // Never a time we cannot stand behind: say plainly that nobody is on, and what there is meanwhile.
    fill(standing,
      'Nobody who can take this chat is online right now. You keep your place, and you can keep talking here meanwhile. To talk to someone now, call ',
      el('a', { class: 'tel', href: telHref(crisisLines.number) }, crisisLines.number),
      ` (${crisisLines.name}).`);
    return;
  }
  const wait = waitInWords(view.estimatedWaitSeconds);
  const position = view.queuePosition;
  const parts = [];
  if (position === 1) parts.push('You are next.');
  else if (position > 1) parts.push(`You are number ${position} in the queue.`);
  else parts.push('We are looking for someone right now.');
  if (wait) parts.push(`Expected wait: ${wait}.`);
  standing.textContent = parts.join(' ');
}

// A slow breath: in for 4 seconds, out for 6, in step with the circle's animation in site.css.
let breathingTimer = null;
function setBreathing(on) {
  clearTimeout(breathingTimer);
  breathingTimer = null;
  if (!on) return;
  const cue = byId('breath-cue');
  const breatheIn = () => {
    cue.textContent = 'Breathe in';
    breathingTimer = setTimeout(breatheOut, 4000);
  };
  const breatheOut = () => {
    cue.textContent = 'Breathe out';
    breathingTimer = setTimeout(breatheIn, 6000);
  };
  breatheIn();
}

// ---- messages -----------------------------------------------------------------------------

function senderLabel(message) {
  switch (String(message.sender).toLowerCase()) {
    case 'seeker': return 'You';
    case 'ai': return 'StoriBoard (automatic reply)';
    case 'supporter': return message.senderName || 'Peer supporter';
    case 'supervisor': return `${message.senderName || 'A supervisor'}, supervisor`;
    default: return null;
  }
}

function renderMessage(message) {
  const sender = String(message.sender).toLowerCase();
  const label = senderLabel(message);
  const body = sender === 'ai' && message.parts?.length ? renderParts(message.parts, { fold: true }) : el('p', { class: 'text' }, message.text);
  return el('li', { class: `message from-${sender}` },
    label ? el('p', { class: 'sender' }, label, ' ', el('time', { datetime: message.sentAt }, formatTime(message.sentAt))) : null,
    body);
}

function renderPending(text) {
  return el('li', { class: 'message from-seeker pending' },
    el('p', { class: 'sender' }, 'You ', el('span', { class: 'status' }, 'sending…')),
    el('p', { class: 'text' }, text));
}

function showNotice(text) {
  transcript.list.append(el('li', { class: 'message from-system notice' }, el('p', { class: 'text' }, text)));
}

// ---- ending, rating, deleting -------------------------------------------------------------

byId('end').addEventListener('click', () => {
  showOnly('ending');
  byId('ending-title').focus();
});

byId('keep-chatting').addEventListener('click', () => {
  showOnly('chat');
  composerText.focus();
});

byId('end-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const chosen = new FormData(event.currentTarget).get('rating');
  try {
    applyConversation(await hub.invoke('End', session.conversationId, chosen ? Number(chosen) : null));
  } catch (error) {
    showOnly('chat');
    showNotice(hubRefusal(error)?.message ?? 'We could not end the chat just now. Please try again in a moment.');
  }
});

/** The conversation is over (ended here or by the supporter): nothing about it stays in the browser. */
function conversationEnded() {
  setBreathing(false);
  outbox.clear();
  sessionStorage.removeItem(storageKey);
  if (conversation?.supporter && byId('ending').hidden && !byId('chat').hidden) {
    byId('ended-message').textContent = `${conversation.supporter.displayName} has ended the chat. You can come back at any time, day or night.`;
    askRatingAfter(conversation.conversationId);
  }
  showOnly('ended');
  byId('ended-title').focus();
}

// The supporter ended first: the person can still say how much the chat helped, with the same question as when
// ending it themselves (a copy of the ending form's own, there only while it is asked).
const rateAfter = byId('rate-after');

function askRatingAfter(conversationId) {
  rateAfter.dataset.conversationId = conversationId;
  rateAfter.querySelector('fieldset')?.remove();
  rateAfter.prepend(byId('end-form').querySelector('fieldset').cloneNode(true));
  byId('rate-after-status').textContent = '';
  show(rateAfter);
}

function stopAskingRating() {
  rateAfter.querySelector('fieldset')?.remove();
  show(rateAfter, false);
}

rateAfter.addEventListener('submit', async (event) => {
  event.preventDefault();
  const chosen = new FormData(rateAfter).get('rating');
  if (!chosen) {
    byId('rate-after-status').textContent = 'Choose a number first, or leave it: answering is up to you.';
    return;
  }
  try {
    await hub.invoke('End', rateAfter.dataset.conversationId, Number(chosen));
    stopAskingRating();
    byId('rate-after-status').textContent = 'Thank you. Your answer helps us support people better.';
  } catch (error) {
    byId('rate-after-status').textContent = hubRefusal(error)?.message ?? 'We could not send that just now. Please try again in a moment.';
  }
});

/** Another conversation of this person (one a check-in's answer opened) becomes the one on screen. */
function openConversation(conversationId) {
  session.conversationId = conversationId;
  saveSession();
  showOnly('chat');
  newTranscript();
  resume();
}

const after = continuity({
  panel: byId('continuity'),
  // On the list of a returning person's chats, that list's connection: their plan and check-in show there too.
  hub: () => (hub?.isConnected ? hub : past.connection() ?? hub),
  token: () => session?.token,
  conversationId: () => session?.conversationId,
  canAskAgain: () => String(conversation?.status).toLowerCase() === 'ai',
  inPeerChat: () => String(conversation?.status).toLowerCase() === 'peer',
  openConversation,
  apply: applyConversation,
});

byId('start-again').addEventListener('click', () => {
  // A new conversation under the same anonymous session, unless its data was deleted.
  if (!session?.token) {
    showOnly('welcome');
    byId('start').focus();
    return;
  }
  session.conversationId = null;
  saveSession();
  byId('ended-message').textContent = 'This chat has ended. You can come back at any time, day or night.';
  stopAskingRating();
  byId('rate-after-status').textContent = '';
  showOnly('chat');
  newTranscript();
  resume();
  composerText.focus();
});

byId('delete-data').addEventListener('click', async (event) => {
  const button = event.currentTarget;
  const status = byId('delete-status');
  button.disabled = true;
  try {
    // Stopped first: the erase revokes the token and closes this connection, which must not try to come back.
    await hub?.stop();
    const response = await fetch('/api/me', { method: 'DELETE', headers: { Authorization: `Bearer ${session.token}` } });
    if (!response.ok && response.status !== 404) throw new Error(`status ${response.status}`);
    sessionStorage.clear();
    session = null;
    forgetPushOnThisDevice().catch(() => {});
    after.clear();
    byId('messages').replaceChildren();
    status.textContent = 'Your conversations and messages have been erased.';
  } catch {
    button.disabled = false;
    status.textContent = 'We could not delete your data just now. Please try again in a moment.';
  }
});

// ---- screens ------------------------------------------------------------------------------

function showOnly(id) {
  for (const section of ['welcome', 'chat', 'ending', 'ended', 'past']) show(byId(section), section === id);
  // A key can be kept while the session lasts; after "Delete my data" there is nothing to come back to.
  show(byId('keep-key-ended'), Boolean(session?.token));
}

// ---- coming back with a return key ----------------------------------------------------------

const past = pastChats({
  token: () => session.token,
  handlers: after.handlers,
  onConnected: () => after.refresh(),
  showOnly,
  onContinue: (conversationId) => {
    session.conversationId = conversationId;
    saveSession();
    enterChat();
  },
  onNewChat: () => {
    if (!session?.token) {
      showOnly('welcome');
      return;
    }
    session.conversationId = null;
    saveSession();
    enterChat();
  },
  onErased: () => {
    sessionStorage.clear();
    session = null;
  },
});

offerReturnKey({
  hub: () => hub,
  onResumed: (token) => {
    hub?.stop();
    session = { token, conversationId: null };
    saveSession();
    past.open();
  },
});

offerPasskey({
  token: () => session?.token,
  onResumed: (token) => {
    hub?.stop();
    session = { token, conversationId: null };
    saveSession();
    past.open();
  },
});

// A reload in the same tab picks the conversation up where it was.
if (session?.token) enterChat();
