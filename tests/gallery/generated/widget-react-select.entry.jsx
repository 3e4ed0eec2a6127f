// One choice widget for generated form pages (tests/generated/pages/fill.mjs), from the real library;
// mount(host, props) renders it into `host` and reports every choice with props.onChange(value),
// the page's own state as a site keeps it. props: {id, label (aria-label), labelledby, placeholder,
// options: [[value, text]], onChange}.
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { useState } from 'react';
import Select from 'react-select';

function Widget({ props }) {
  const [value, setValue] = useState(null);
  const options = props.options.map(([v, t]) => ({ value: v, label: t }));
  return (
    <Select inputId={props.id} aria-label={props.label} aria-labelledby={props.labelledby} placeholder={props.placeholder || 'Pilih...'} options={options} value={value}
      onChange={(o) => { setValue(o); props.onChange(o && o.value); }} styles={{ container: (base) => ({ ...base, display: 'inline-block', minWidth: 220 }) }} />
  );
}
export function mount(host, props) {
  const root = createRoot(host);
  flushSync(() => root.render(<Widget props={props} />));
}
