// The supporter console: sign in with a token, set availability, take offers, and hold several
// chats at once with the analysis of each message and what the AI already suggested.
// Supervisors also see a live board of every red-flag conversation. This module only wires the
// parts in js/console/ together: they share state through the objects passed to them here.
import { byId } from './dom.js';
import { openHub, hubRefusal, connectionBanner } from './hub.js';
import { retryDelayMs } from './transcript.js';
import { Session, SignIn } from './console/signin.js';
import { Me } from './console/me.js';
import { Offers } from './console/offers.js';
import { Chats } from './console/chats.js';
import { RedFlagBoard } from './console/board.js';
import { Plans } from './console/plan.js';
import { SupportedPeople } from './console/supported.js';
import { TitleCount } from './console/title-count.js';
import { unlockSoundOnFirstGesture } from './console/sound.js';

const session = Session.load();
const announce = (text) => {
  byId('announce').textContent = text;
};

// The parts call the server through this one object: a token typed after a refused one opens a
// new connection, and they need not know.
const server = {
  hub: null,
  invoke: (method, ...args) => server.hub.invoke(method, ...args),
  get isConnected() {
    return server.hub?.isConnected ?? false;
  },
};

const title = new TitleCount(document.title);
const board = new RedFlagBoard();
const me = new Me({ server, session, announce, onView: (view) => board.showFor(view.role) });
const plans = new Plans({ server });
const supported = new SupportedPeople({ server });
const chats = new Chats({ server, session, me, title, announce, onOpen: (conversationId, panel) => plans.attach(conversationId, panel) });
const offers = new Offers({
  server, title, announce,
  // Accepting is the moment to start writing: the reply box takes the focus the Accept button had.
  onAccepted: (conversation) => chats.open(conversation, true).focusReply(),
});
const signIn = new SignIn(session, { onSignedIn: connect, beforeSignOut: goOffline });

function connect() {
  me.check(session.availability);
  server.hub = openHub({
    url: '/hubs/supporter',
    token: () => session.accessToken(),
    handlers: {
      Offer: (view) => offers.add(view),
      OfferWithdrawn: (offerId) => offers.remove(offerId, 'This offer was withdrawn.'),
      Message: (message) => chats.receive(message),
      Analysis: (message) => chats.analysed(message),
      Conversation: (view) => {
        chats.update(view);
        board.follow(view);
      },
      Supporter: (view) => me.show(view),
      RedFlag: (view) => board.add(view),
      Plan: (view) => {
        plans.show(view);
        // Consent given or withdrawn in a chat shows in "People I support" without a Refresh.
        supported.refreshUnlessWriting();
      },
      // The server may have lost pushes (a host died): fetch what was missed as after a reconnect.
      CatchUp: () => resume(),
    },
    onState: connectionBanner(byId('connection'), 'Reconnecting… replies you write will be sent when the connection is back.'),
    onConnected: resume,
    onUnauthorized: () => signIn.refused(),
  });
  chats.restore();
}

/** After every connect: restore availability, then fetch what each open chat missed and send what waited. */
async function resume() {
  clearTimeout(resumeTimer); // a reconnect's own resume replaces a retry still waiting
  try {
    await me.restore();
    await chats.resume();
    await supported.refresh();
  } catch (error) {
    const refusal = hubRefusal(error);
    if (refusal?.code === 'unavailable') {
      // A fault on the server's side, not a refusal: try the catch-up again after a back-off.
      resumeAttempt += 1;
      announce('The helpline is not answering just now; trying again…');
      resumeTimer = setTimeout(() => {
        if (server.hub?.isConnected) resume();
      }, retryDelayMs(resumeAttempt));
      return;
    }
    if (refusal) announce(refusal.message);
    return;
  }
  resumeAttempt = 0;
}

let resumeAttempt = 0;
let resumeTimer = null;

async function goOffline() {
  if (!server.hub) return;
  try {
    await server.invoke('SetAvailability', 'offline');
  } catch {
    // Signing out must work offline too; the gateway marks a vanished supporter offline itself.
  }
  await server.hub.stop();
}

unlockSoundOnFirstGesture();
signIn.begin();
