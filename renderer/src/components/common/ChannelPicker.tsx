export interface ChannelPickerProps {
  label: string;
  channels: readonly string[];
  /** The channel shown; undefined before there is one. */
  value: string | undefined;
  onSelect(channel: string): void;
  /** The screen's layout classes for the label that wraps the select. */
  className?: string;
}

/** Which channel a screen is about: a labelled select of channel names, disabled while there are none. */
export function ChannelPicker({ label, channels, value, onSelect, className }: ChannelPickerProps): React.JSX.Element {
  return (
    <label className={className}>
      <span>{label}</span>
      <select value={value ?? ''} disabled={channels.length === 0} onChange={(event) => onSelect(event.target.value)}>
        {channels.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
