// React 19: 1–2 s after a choice the row "saves" and re-renders with a new key (a new <input>, a
// new title element) showing "Terpilih: file.pdf", as SPA rows do.
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { ROWS, instrument, received, later } from './rows.mjs';
instrument();

function Row({ row, index }) {
  const [saved, setSaved] = useState({ version: 0, name: '' });
  const onChange = (e) => {
    const f = e.target.files[0];
    if (!f) return;
    received(row.key, f);
    // Re-rendered (committed) before the page stops counting it as pending.
    later(() => flushSync(() => setSaved((s) => ({ version: s.version + 1, name: f.name }))), 1000 + 200 * index);
  };
  return (
    <div className="doc" data-row={row.key} key={saved.version}>
      <h2>{row.title}</h2>
      <p className="rule">{row.rule}</p>
      <input key={'in' + saved.version} type="file" accept={row.accept} data-control="" onChange={onChange} />
      {saved.name ? <span className="chosen">Terpilih: {saved.name}</span> : null}
    </div>
  );
}
function App() {
  return ROWS.map((row, i) => <Row key={row.key} row={row} index={i} />);
}
createRoot(document.getElementById('app')).render(<App />);
