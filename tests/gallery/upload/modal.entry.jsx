// React 19: each row has an "Unggah" button that opens a modal dialog with the file input; the
// dialog closes (and its input is gone) shortly after a file is chosen — or, for the last three
// rows, stays open (the person reads the verdict there) until "Selesai" is clicked.
import { createRoot } from 'react-dom/client';
import { useState } from 'react';
import { ROWS, instrument, received } from './rows.mjs';
instrument();

const backdrop = { position: 'fixed', inset: 0, background: 'rgba(15,23,42,.45)', display: 'flex', alignItems: 'center', justifyContent: 'center', zIndex: 10 };
const box = { background: '#fff', borderRadius: 10, padding: '18px 22px', width: 420 };

function App() {
  const [open, setOpen] = useState(null);
  const [done, setDone] = useState({});
  const row = ROWS.find((r) => r.key === open);
  return (
    <>
      {ROWS.map((r) => (
        <div key={r.key} className="doc flexrow" data-row={r.key}>
          <div className="desc">
            <h2>{r.title}</h2>
            <p className="rule">{r.rule}</p>
            {done[r.key] ? <span className="chosen">Terunggah: {done[r.key]}</span> : null}
          </div>
          <button type="button" className="pick" data-control="" onClick={() => setOpen(r.key)}>Unggah</button>
        </div>
      ))}
      {row ? (
        <div style={backdrop}>
          <div role="dialog" aria-modal="true" aria-label={'Unggah ' + row.title} style={box} className="modal-box">
            <h3 style={{ marginTop: 0 }}>Unggah {row.title}</h3>
            <p className="rule">{row.rule}</p>
            <input type="file" accept={row.accept} onChange={(e) => {
              const f = e.target.files[0];
              if (!f) return;
              received(row.key, f);
              setDone((d) => ({ ...d, [row.key]: f.name }));
              // The first three rows' dialogs close by themselves; the others stay until "Selesai".
              if (ROWS.indexOf(row) < 3) setTimeout(() => setOpen(null), 300);
            }} />
            <p><button type="button" className="close" onClick={() => setOpen(null)}>Selesai</button></p>
          </div>
        </div>
      ) : null}
    </>
  );
}
createRoot(document.getElementById('app')).render(<App />);
