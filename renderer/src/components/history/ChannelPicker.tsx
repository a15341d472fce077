import { useTranslation } from 'react-i18next';

import { useHistory } from './use-history';

/** Which channel's history is shown. */
export function ChannelPicker(): React.JSX.Element {
  const { t } = useTranslation();
  const channels = useHistory((state) => state.channels);
  const channel = useHistory((state) => state.channel);
  const selectChannel = useHistory((state) => state.selectChannel);
  return (
    <label className="field history-channel">
      <span>{t('history.channel.label')}</span>
      <select value={channel ?? ''} disabled={channels.length === 0} onChange={(event) => void selectChannel(event.target.value)}>
        {channels.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
