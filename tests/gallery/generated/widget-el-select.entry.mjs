// One choice widget for generated form pages (tests/generated/pages/fill.mjs), from the real library;
// mount(host, props) renders it into `host` and reports every choice with props.onChange(value),
// the page's own state as a site keeps it. props: {id, label (aria-label), labelledby, placeholder,
// options: [[value, text]], onChange}.
import { createApp, h, ref } from 'vue';
import { ElSelect, ElOption } from 'element-plus';
import 'element-plus/dist/index.css';

export function mount(host, props) {
  createApp({
    setup() {
      const value = ref('');
      return () => h(ElSelect, { id: props.id, ariaLabel: props.label, 'aria-labelledby': props.labelledby, placeholder: props.placeholder || 'Pilih', style: 'width: 220px',
        modelValue: value.value, 'onUpdate:modelValue': (v) => { value.value = v; props.onChange(v); } },
      () => props.options.map(([v, t]) => h(ElOption, { key: v, value: v, label: t })));
    },
  }).mount(host);
}
