// The small floating "fill from profile" control on SSCASN pages, and the popup's request to fill.
import { fillPage, fillSummary } from './fill-apply.js';
import { sendMessage } from './platform.js';
const STYLE = `
  :host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; font: 13px/1.4 system-ui, sans-serif; }
  :host([hidden]) { display: none; }
  .box { background: #fff; border: 1px solid #90cdf4; border-radius: 8px; box-shadow: 0 2px 10px rgba(0,0,0,.15); padding: 8px 10px; max-width: 300px; color: #1f2933; }
  button.fill { font: inherit; font-weight: 600; color: #fff; background: #2b6cb0; border: 0; border-radius: 4px; padding: 5px 10px; cursor: pointer; }
  a { color: #2b6cb0; font-size: 12px; margin-left: 8px; cursor: pointer; }
  .result { margin-top: 6px; font-size: 12px; white-space: pre-line; }
  .note { margin-top: 6px; font-size: 12px; color: #744210; }
  .note:empty, button.unlock[hidden] { display: none; }
  button.unlock { font: inherit; font-size: 12px; margin-top: 6px; color: #2b6cb0; background: #fff; border: 1px solid #2b6cb0; border-radius: 4px; padding: 3px 8px; cursor: pointer; }
`;

/**
 * The profile to fill from, through the background (it may be locked with a PIN, or kept only
 * for this browser session): {state: none|plain|locked|unlocked|session, mode, until, profile}.
 */
export async function loadProfile() {
  const reply = await sendMessage({ type: 'profile-get' }, 10000);
  if (!reply || !reply.ok) throw new Error('profile unavailable');
  return reply;
}

/** One line on where the profile is kept, for the control (empty when there is nothing to say). */
export function profileNote(s, t) {
  if (s.state === 'session') return t('lockFillSession');
  if (s.state === 'none' && s.mode === 'session') return t('lockFillSessionGone');
  if (s.state === 'plain') return t('lockFillPlain');
  if (s.state === 'unlocked' && s.until)
    return t('lockFillOpenUntil', new Date(s.until).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false }));
  return '';
}

/** Fill the page from the stored profile; resolves to a summary string for the person. */
export async function fillFromProfile(doc, t) {
  const got = await loadProfile();
  // Locked: the PIN is asked in the extension's own window, never in this page.
  if (got.state === 'locked') return { text: t('lockFillLocked'), filled: [], notFound: [], notAccepted: [], locked: true };
  const profile = got.profile;
  if (!profile) return { text: t(got.mode === 'session' ? 'lockFillSessionGone' : 'fillNoProfile'), filled: [], notFound: [], notAccepted: [] };
  const result = await fillPage(doc, profile);
  const text = fillSummary(result, t) + (got.state === 'session' ? '\n' + t('lockFillSession') : '');
  return { text, ...result };
}

/** Show the floating control (once) on a page with fillable fields. */
export function showFillControl(doc, t) {
  if (doc.querySelector('sscasn-fill')) return;
  const host = doc.createElement('sscasn-fill');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const box = doc.createElement('div');
  box.className = 'box';
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'fill';
  button.textContent = t('fillButton');
  const settings = doc.createElement('a');
  settings.textContent = t('fillSettings');
  settings.setAttribute('role', 'button');
  settings.tabIndex = 0;
  const result = doc.createElement('div');
  result.className = 'result';
  result.setAttribute('role', 'status');
  const note = doc.createElement('div');
  note.className = 'note';
  const unlock = doc.createElement('button');
  unlock.type = 'button';
  unlock.className = 'unlock';
  unlock.textContent = t('lockFillUnlock');
  unlock.hidden = true;
  box.append(button, settings, result, note, unlock);
  shadow.append(style, box);
  doc.body.append(host);
  // Where the profile is kept, said plainly; refreshed when the person comes back to this tab.
  const showNote = () =>
    sendMessage({ type: 'profile-status' }, 10000)
      .then((s) => {
        if (!s || !s.ok) return;
        host.dataset.profile = s.state;
        note.textContent = profileNote(s, t);
        unlock.hidden = s.state !== 'locked';
      })
      .catch(() => {});
  showNote();
  doc.defaultView.addEventListener('focus', showNote);
  doc.addEventListener('visibilitychange', () => doc.visibilityState === 'visible' && showNote());
  unlock.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    sendMessage({ type: 'open-options' }).catch(() => {});
  });
  button.addEventListener('click', async (e) => {
    e.preventDefault();
    e.stopPropagation();
    button.disabled = true;
    try {
      const r = await fillFromProfile(doc, t);
      result.textContent = r.text;
      host.dataset.filled = String(r.filled.length);
      if (r.locked) unlock.hidden = false;
      showNote();
    } catch (err) {
      result.textContent = t('fillFailed');
    } finally {
      button.disabled = false;
    }
  });
  settings.addEventListener('click', (e) => {
    e.preventDefault();
    sendMessage({ type: 'open-options' }).catch(() => {});
  });
}
