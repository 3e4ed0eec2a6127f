// react-dropzone in React 19: each row is a drop zone (click to choose, or drop a file on it).
import { createRoot } from 'react-dom/client';
import { useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { ROWS, instrument, received } from './rows.mjs';
instrument();

const zoneStyle = { border: '2px dashed #9aa5b1', borderRadius: 8, padding: '18px 12px', textAlign: 'center', background: '#f8fafc', cursor: 'pointer' };

function Row({ row }) {
  const [name, setName] = useState('');
  const { getRootProps, getInputProps, isDragActive } = useDropzone({
    accept: row.mime,
    multiple: false,
    onDrop: (accepted) => {
      const f = accepted[0];
      if (!f) return;
      received(row.key, f);
      setName(f.name);
    },
  });
  return (
    <div className="doc" data-row={row.key}>
      <h2>{row.title}</h2>
      <p className="rule">{row.rule}</p>
      <div {...getRootProps({ style: zoneStyle, 'data-control': '', className: 'zone' })}>
        <input {...getInputProps()} />
        {isDragActive ? 'Lepaskan berkas di sini…' : 'Seret berkas ke sini, atau klik untuk memilih'}
      </div>
      {name ? <p className="chosen">Berkas: {name}</p> : null}
    </div>
  );
}
createRoot(document.getElementById('app')).render(ROWS.map((row) => <Row key={row.key} row={row} />));
