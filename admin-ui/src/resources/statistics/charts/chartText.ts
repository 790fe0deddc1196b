import { useTranslate } from 'react-admin';

/** The charts' own texts (empty and loading overlays) in the console's language. */
export const useChartLocaleText = () => {
  const translate = useTranslate();
  return { noData: translate('hotline.statistics.noData'), loading: translate('hotline.statistics.loading') };
};

/** A channel's name in the console's language (the API names them in Chinese). */
export const useChannelName = () => {
  const translate = useTranslate();
  return (channel: string) => translate(`hotline.case.channel.${channel}`, { _: channel });
};
