/** The form controls every view shares: a labelled text input and a labelled checkbox. */
import type { InputHTMLAttributes } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'checked' | 'type'>;

/** A text-like input (text, url, search, password, time) inside its label. */
export function TextField({
  label,
  value,
  onChange,
  type,
  ...input
}: InputProps & {
  label: string;
  value: string;
  onChange(value: string): void;
  type?: 'url' | 'search' | 'password' | 'time';
}) {
  return (
    <label>
      {label}
      <input {...input} type={type} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** A checkbox with its label after it. */
export function CheckField({
  label,
  checked,
  onChange,
  className = 'check',
}: {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  className?: string;
}) {
  return (
    <label className={className}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
