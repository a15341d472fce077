/** One labelled reading in a `.stats` list (a `<dl>`): screen readers get the pair, the eye gets the number. */
export function Stat({ label, children }: { label: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <div className="stat">
      <dt className="label">{label}</dt>
      <dd className="value">{children}</dd>
    </div>
  );
}
