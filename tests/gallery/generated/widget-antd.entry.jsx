// One choice widget for generated form pages (tests/generated/pages/fill.mjs), from the real library;
// mount(host, props) renders it into `host` and reports every choice with props.onChange(value),
// the page's own state as a site keeps it. props: {id, label (aria-label), labelledby, placeholder,
// options: [[value, text]], onChange}.
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { useState } from 'react';
import { Select } from 'antd';

function Widget({ props }) {
  const [value, setValue] = useState(undefined);
  return (
    <Select id={props.id} aria-label={props.label} aria-labelledby={props.labelledby} placeholder={props.placeholder || 'Pilih'} style={{ width: 220 }} value={value}
      options={props.options.map(([v, t]) => ({ value: v, label: t }))} onChange={(v) => { setValue(v); props.onChange(v); }} />
  );
}
export function mount(host, props) {
  const root = createRoot(host);
  flushSync(() => root.render(<Widget props={props} />));
}
