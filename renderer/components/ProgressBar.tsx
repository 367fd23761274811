/** An accessible progress bar: the value in ARIA terms and in words. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const clamped = Math.min(100, Math.max(0, Math.round(value)));
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped}
      aria-valuetext={`${clamped} percent`}
    >
      <div className="progress__fill" style={{ width: `${clamped}%` }} />
    </div>
  );
}
