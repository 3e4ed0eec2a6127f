// The small floating "fill from profile" control on SSCASN pages, and the popup's request to fill.
(function (root) {
  'use strict';
  const NS = (root.SSCASN = root.SSCASN || {});
  const STYLE = `
    :host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; font: 13px/1.4 system-ui, sans-serif; }
    :host([hidden]) { display: none; }
    .box { background: #fff; border: 1px solid #90cdf4; border-radius: 8px; box-shadow: 0 2px 10px rgba(0,0,0,.15); padding: 8px 10px; max-width: 300px; color: #1f2933; }
    button.fill { font: inherit; font-weight: 600; color: #fff; background: #2b6cb0; border: 0; border-radius: 4px; padding: 5px 10px; cursor: pointer; }
    a { color: #2b6cb0; font-size: 12px; margin-left: 8px; cursor: pointer; }
    .result { margin-top: 6px; font-size: 12px; white-space: pre-line; }
  `;

  /** Fill the page from the stored profile; resolves to a summary string for the person. */
  NS.fillFromProfile = async function fillFromProfile(doc, t) {
    const { profile } = await NS.api.storage.local.get({ profile: null });
    if (!profile) return { text: t('fillNoProfile'), filled: [], notFound: [], notAccepted: [] };
    const result = await NS.fillPage(doc, profile);
    return { text: NS.fillSummary(result, t), ...result };
  };

  /** Show the floating control (once) on a page with fillable fields. */
  NS.showFillControl = function showFillControl(doc, t) {
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
    box.append(button, settings, result);
    shadow.append(style, box);
    doc.body.append(host);
    button.addEventListener('click', async (e) => {
      e.preventDefault();
      e.stopPropagation();
      button.disabled = true;
      try {
        const r = await NS.fillFromProfile(doc, t);
        result.textContent = r.text;
        host.dataset.filled = String(r.filled.length);
      } catch (err) {
        result.textContent = t('fillFailed');
      } finally {
        button.disabled = false;
      }
    });
    settings.addEventListener('click', (e) => {
      e.preventDefault();
      NS.sendMessage({ type: 'open-options' }).catch(() => {});
    });
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = NS;
})(typeof globalThis !== 'undefined' ? globalThis : this);
