// An imask phone mask for generated form pages ("0812-3456-7890"); onChange gets the masked value
// the site keeps.
import IMask from 'imask';

export function maskPhone(input, onChange) {
  const mask = IMask(input, { mask: '0000-0000-00000' });
  mask.on('accept', () => onChange(mask.value));
  return mask;
}
