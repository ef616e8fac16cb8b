// The admin page: an invited person sets their password here (the link carries #invite=), and
// admins sign in to invite people, find and edit them, see who is online and their load,
// deactivate and reactivate them, read how each supporter's chats were left, and read the audit log.
import { byId, show } from './dom.js';
import { StaffSession, acceptInvite, inviteFirstAdmin, singleSignOnReturn, offerSingleSignOn, passwordSignIn } from './staff-session.js';
import { StaffList } from './admin/staff.js';
import { AuditView } from './admin/audit.js';
import { WrapUps } from './wrap-ups.js';

const session = new StaffSession('storiboard.admin');
const announce = (text) => {
  byId('announce').textContent = text;
};

/** How often the list refreshes who is online and their chats. */
const refreshEveryMs = 10_000;

const audit = new AuditView({ session, nameOf: (id) => staff.nameOf(id) });
const wrapUps = new WrapUps({ session, announce, section: byId('wrap-ups') });
const staff = new StaffList({
  session,
  announce,
  onChange: () => audit.load(),
  onWrapUps: async (member) => {
    await wrapUps.open(member.accountId, member.displayName);
    audit.load();
  },
});

function showOnly(section) {
  for (const id of ['accept', 'signin', 'manage']) show(byId(id), id === section);
  show(byId('sign-out'), section === 'manage');
  show(byId('reports-link'), section === 'manage');
}

/** The invite link's secret is read from the fragment and taken out of the address bar at once. */
function acceptFlow(inviteToken) {
  showOnly('accept');
  byId('new-password').focus();
  byId('accept-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const password = byId('new-password').value;
    if (password !== byId('confirm-password').value) {
      byId('accept-error').textContent = 'The two passwords are not the same.';
      return;
    }
    try {
      await acceptInvite(inviteToken, password);
      byId('accept-error').textContent = '';
      show(byId('accept-form'), false);
      show(byId('accepted'), true);
      byId('accepted').querySelector('a').focus();
    } catch (error) {
      byId('accept-error').textContent = error.message;
    }
  });
}

function signInFlow() {
  showOnly('signin');
  byId('email').focus();
}

passwordSignIn(session, () => enterAsAdmin());

/** Only admins stay signed in here. */
async function enterAsAdmin() {
  if (session.role !== 'admin') {
    await session.signOut();
    byId('signin-error').textContent = 'This page is for admins. Supporters and supervisors sign in at the console.';
    signInFlow();
    return;
  }
  byId('signin-error').textContent = '';
  enter();
}

byId('sign-out').addEventListener('click', async () => {
  await session.signOut();
  location.replace(location.pathname);
});

let refreshTimer = null;

async function enter() {
  showOnly('manage');
  byId('who').textContent = session.displayName;
  try {
    await staff.load();
    await audit.load();
  } catch (error) {
    if (error.status === 401 || error.status === 403) {
      session.forget();
      signInFlow();
      return;
    }
    announce(error.message);
  }
  clearInterval(refreshTimer);
  refreshTimer = setInterval(() => staff.load().catch(() => {}), refreshEveryMs);
}

// The first start, with the admin key: the invite opens here at once, to choose the first admin's password.
byId('first-admin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const invite = await inviteFirstAdmin(byId('first-key').value, byId('first-email').value.trim(), byId('first-name').value.trim());
    byId('first-key').value = '';
    acceptFlow(invite);
  } catch (error) {
    byId('first-error').textContent = error.message;
  }
});

offerSingleSignOn(byId('sso'));
const inviteToken = new URLSearchParams(location.hash.slice(1)).get('invite');
const returned = inviteToken ? null : singleSignOnReturn();
if (returned?.refreshToken && (await session.adopt(returned.refreshToken))) {
  await enterAsAdmin();
} else if (returned?.error) {
  signInFlow();
  byId('signin-error').textContent = returned.error;
} else if (inviteToken) {
  history.replaceState(null, '', location.pathname);
  acceptFlow(inviteToken);
} else if (session.signedIn && session.role === 'admin') {
  enter();
} else {
  signInFlow();
}
