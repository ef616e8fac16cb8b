// A staff member's session on the admin page and the console: a short access token for the API
// and the hubs, and the refresh token that renews it, kept in this tab's sessionStorage only (a
// closed tab forgets them). Each refresh returns a new refresh token; the old one stops working.

const refreshMarginMs = 60_000;
const justObtainedMs = 5_000;

/** A refusal from the API, with its code ('unauthorized', 'forbidden', 'invalid', …) and message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function call(method, path, { body, token, adminKey } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  if (adminKey) headers['X-Admin-Key'] = adminKey;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.ok) {
    if (response.status === 204) return null;
    const type = response.headers.get('Content-Type') ?? '';
    return type.includes('json') ? response.json() : response.blob();
  }
  const error = await response.json().catch(() => ({}));
  throw new ApiError(response.status, error.error ?? 'error', error.message ?? 'Something went wrong; please try again.');
}

export class StaffSession {
  constructor(storageKey) {
    this.storageKey = storageKey;
    this.state = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
  }

  get signedIn() {
    return this.state !== null;
  }

  get role() {
    return this.state?.role;
  }

  get displayName() {
    return this.state?.displayName;
  }

  get accountId() {
    return this.state?.accountId;
  }

  async signIn(email, password) {
    this.#keep(await call('POST', '/api/staff/sign-in', { body: { email, password } }));
  }

  /**
   * The access token, renewed first when it is about to lapse. With `fresh`, renewed unless just
   * obtained: a hub connection that starts again after the server closed it (a role changed, a
   * session ended) must not offer the token that was just revoked.
   */
  async token({ fresh = false } = {}) {
    if (!this.state) return null;
    const lapsing = Date.parse(this.state.accessTokenExpiresAt) - Date.now() < refreshMarginMs;
    const old = Date.now() - (this.state.obtainedAt ?? 0) > justObtainedMs;
    if (lapsing || (fresh && old)) await this.refresh();
    return this.state?.accessToken ?? null;
  }

  /**
   * Renews the tokens; false (and signed out) when the session has ended, e.g. the person was
   * deactivated. Calls at once share one renewal: the server takes a refresh token used twice for
   * a stolen copy and ends the session.
   */
  refresh() {
    this.#refreshing ??= this.#renew().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  #refreshing = null;

  async #renew() {
    if (!this.state) return false;
    try {
      this.#keep(await call('POST', '/api/staff/refresh', { body: { refreshToken: this.state.refreshToken } }));
      return true;
    } catch (error) {
      if (error.status === 401) this.forget();
      if (error.status === 401) return false;
      throw error;
    }
  }

  /** Takes up a session opened by single sign-on: its refresh token gives the first access token. */
  async adopt(refreshToken) {
    this.#keep({ refreshToken, accessTokenExpiresAt: new Date(0).toISOString() });
    return this.refresh();
  }

  async signOut() {
    const refreshToken = this.state?.refreshToken;
    this.forget();
    if (refreshToken) await call('POST', '/api/staff/sign-out', { body: { refreshToken } }).catch(() => {});
  }

  forget() {
    this.state = null;
    sessionStorage.removeItem(this.storageKey);
  }

  /** An API call with this session's token; a refused token is renewed once and the call made again. */
  async api(method, path, body) {
    try {
      return await call(method, path, { body, token: await this.token() });
    } catch (error) {
      if (error.status !== 401 || !(await this.refresh())) throw error;
      return call(method, path, { body, token: this.state.accessToken });
    }
  }

  #keep(session) {
    this.state = { ...session, obtainedAt: Date.now() };
    sessionStorage.setItem(this.storageKey, JSON.stringify(session));
  }
}

/** Accepts an invite: sets the person's first password. */
export const acceptInvite = (inviteToken, password) => call('POST', '/api/staff/invites/accept', { body: { inviteToken, password } });

/** The first start: the admin key the gateway printed makes the first admin's invite, once. Answers its invite token. */
export async function inviteFirstAdmin(adminKey, email, displayName) {
  const created = await call('POST', '/api/staff/first-admin', { body: { email, displayName }, adminKey });
  return new URLSearchParams(new URL(created.inviteUrl, location.origin).hash.slice(1)).get('invite');
}

const singleSignOnErrors = {
  'no-account': 'Your organisation signed you in, but no staff account has that e-mail address. Ask an admin to invite you.',
  'no-email': 'Your organisation did not share a verified e-mail address, so we cannot tell who you are.',
  inactive: 'Your account is not active. Ask an admin.',
  failed: 'Signing in with your organisation did not finish (it may have taken too long). Please try again.',
};

/**
 * After single sign-on the gateway sends the page back with #session=<refresh token> (or
 * #sso-error=…) in the fragment: it is read once and taken out of the address bar at once.
 * Returns { refreshToken } or { error }, or null when the page was opened some other way.
 */
export function singleSignOnReturn() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const refreshToken = fragment.get('session');
  const error = fragment.get('sso-error');
  if (!refreshToken && !error) return null;
  history.replaceState(null, '', location.pathname);
  return refreshToken ? { refreshToken } : { error: singleSignOnErrors[error] ?? 'Single sign-on did not work; please try again.' };
}

/** Shows the single sign-on link when the gateway has it configured. */
export async function offerSingleSignOn(element) {
  const answer = await fetch('/api/staff/sso').then((r) => (r.ok ? r.json() : null)).catch(() => null);
  element.hidden = !answer?.enabled;
}

/**
 * The password form the staff pages share (#signin-form with #email, #password and #signin-error): a refusal is shown
 * in words; once signed in the password is cleared and onSignedIn() runs.
 */
export function passwordSignIn(session, onSignedIn) {
  const byId = (id) => document.getElementById(id);
  byId('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await session.signIn(byId('email').value.trim(), byId('password').value);
    } catch (error) {
      byId('signin-error').textContent = error.message;
      return;
    }
    byId('password').value = '';
    await onSignedIn();
  });
}
