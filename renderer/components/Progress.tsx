/** A progress bar with its numbers in text beside it (colour and length are never the only cue). */
export function Progress({ value, max, label }: { readonly value: number; readonly max: number; readonly label: string }) {
  const ratio = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} aria-label={label}>
      <div className="progress-fill" style={{ width: `${Math.round(ratio * 100)}%` }} />
    </div>
  );
}
